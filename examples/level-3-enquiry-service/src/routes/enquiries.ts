import { Router } from 'express';
import type { Logger } from 'pino';
import type { EnquiryRepository } from '../db/repository.js';
import { newReference } from '../domain/reference.js';
import { responseDueAt } from '../domain/sla.js';
import { enquiryFormSchema, fieldErrors } from '../domain/validation.js';
import type { Metrics } from '../metrics.js';
import type { CitizenNotifier } from '../notify/citizen-notifier.js';
import { enquiryFormPage, enquiryStatusPage, notFoundPage } from '../views/enquiry-pages.js';

export interface EnquiryRouteDeps {
  repo: EnquiryRepository;
  notifier: CitizenNotifier;
  metrics: Metrics;
  logger: Logger;
  now: () => Date;
}

export function enquiriesRouter({ repo, notifier, metrics, logger, now }: EnquiryRouteDeps): Router {
  const router = Router();

  router.get('/enquiries/new', (_req, res) => {
    res.send(enquiryFormPage());
  });

  router.post('/enquiries/new', async (req, res) => {
    const parsed = enquiryFormSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).send(enquiryFormPage(req.body ?? {}, fieldErrors(parsed.error)));
      return;
    }
    const receivedAt = now();
    const enquiry = await repo.createEnquiry({
      ...parsed.data,
      reference: newReference(),
      receivedAt,
      dueAt: responseDueAt(receivedAt),
    });
    metrics.enquiriesSubmitted.inc({ department: enquiry.departmentCode });
    logger.info({ reference: enquiry.reference, department: enquiry.departmentCode }, 'enquiry received');

    try {
      await notifier.enquiryReceived(enquiry);
    } catch (error) {
      // The enquiry is saved; a missing confirmation email must not lose it.
      metrics.notifyFailures.inc({ template: 'enquiry_received' });
      logger.error({ err: error, reference: enquiry.reference }, 'confirmation email failed');
    }
    res.redirect(303, `/enquiries/${enquiry.reference}/status`);
  });

  router.get('/enquiries/:reference/status', async (req, res) => {
    const enquiry = await repo.findByReference(req.params.reference.toUpperCase());
    if (!enquiry) {
      res.status(404).send(notFoundPage());
      return;
    }
    res.send(enquiryStatusPage(enquiry));
  });

  return router;
}
