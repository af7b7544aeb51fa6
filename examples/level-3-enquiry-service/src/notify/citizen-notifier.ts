import { NotifyClient } from 'notifications-node-client';
import { DEPARTMENTS, type Enquiry } from '../domain/enquiry.js';

export interface CitizenNotifier {
  enquiryReceived(enquiry: Enquiry): Promise<void>;
  enquiryResponded(enquiry: Enquiry): Promise<void>;
}

export interface NotifyTemplates {
  enquiryReceivedTemplateId: string;
  enquiryResponseTemplateId: string;
}

/** Sends citizen emails through GOV.UK Notify. */
export class NotifyCitizenNotifier implements CitizenNotifier {
  constructor(
    private readonly client: NotifyClient,
    private readonly templates: NotifyTemplates,
  ) {}

  async enquiryReceived(enquiry: Enquiry): Promise<void> {
    await this.client.sendEmail(this.templates.enquiryReceivedTemplateId, enquiry.email, {
      personalisation: {
        full_name: enquiry.fullName,
        reference: enquiry.reference,
        department: DEPARTMENTS[enquiry.departmentCode],
        respond_by: enquiry.dueAt.toISOString().slice(0, 10),
      },
      reference: enquiry.reference,
    });
  }

  async enquiryResponded(enquiry: Enquiry): Promise<void> {
    await this.client.sendEmail(this.templates.enquiryResponseTemplateId, enquiry.email, {
      personalisation: {
        full_name: enquiry.fullName,
        reference: enquiry.reference,
        department: DEPARTMENTS[enquiry.departmentCode],
        response: enquiry.responseText ?? '',
      },
      reference: enquiry.reference,
    });
  }
}

export function createNotifyClient(): NotifyClient {
  return new NotifyClient(process.env.NOTIFY_API_KEY ?? '');
}
