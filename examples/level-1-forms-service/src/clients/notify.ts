import { NotifyClient } from 'notifications-node-client';
import type { Submission } from '../application.js';

export interface Notifier {
  sendConfirmation(submission: Submission): Promise<void>;
}

/** Sends the "we have your application" email through GOV.UK Notify. */
export class NotifyNotifier implements Notifier {
  private readonly client: NotifyClient;

  constructor(
    apiKey: string,
    private readonly templateId: string,
    baseUrl?: string,
  ) {
    // Known gap: NotifyClient's axios instance has no timeout, so a hung Notify call holds the request open.
    this.client = baseUrl ? new NotifyClient(baseUrl, apiKey) : new NotifyClient(apiKey);
  }

  async sendConfirmation(submission: Submission): Promise<void> {
    await this.client.sendEmail(this.templateId, submission.email, {
      personalisation: {
        full_name: submission.fullName,
        reference: submission.reference,
      },
      reference: submission.reference,
    });
  }
}
