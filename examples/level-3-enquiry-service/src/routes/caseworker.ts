import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { requireCaseworker } from '../auth/routes.js';
import type { SignedInCaseworker } from '../auth/session.js';
import type { EnquiryRepository } from '../db/repository.js';
import type { Enquiry } from '../domain/enquiry.js';
import { assignSchema, respondSchema, triageSchema } from '../domain/validation.js';
import type { Metrics } from '../metrics.js';
import type { CitizenNotifier } from '../notify/citizen-notifier.js';

export interface CaseworkerRouteDeps {
  repo: EnquiryRepository;
  notifier: CitizenNotifier;
  metrics: Metrics;
  logger: Logger;
  now: () => Date;
}

const queueItem = (enquiry: Enquiry) => ({
  id: enquiry.id,
  reference: enquiry.reference,
  subject: enquiry.subject,
  status: enquiry.status,
  priority: enquiry.priority,
  category: enquiry.category ?? null,
  assignedTo: enquiry.assignedTo ?? null,
  dueAt: enquiry.dueAt.toISOString(),
  slaStatus: enquiry.slaStatus,
});

function notFound(res: Response) {
  // Same answer for "does not exist" and "belongs to another department", so IDs cannot be probed.
  res.status(404).json({ error: 'enquiry not found' });
}

export function caseworkerRouter({ repo, notifier, metrics, logger, now }: CaseworkerRouteDeps): Router {
  const router = Router();
  router.use(requireCaseworker);
  const me = (req: Request): SignedInCaseworker => req.session.caseworker!;

  router.get('/queue', async (req, res) => {
    const enquiries = await repo.listQueue(me(req).departmentCode);
    res.json({ department: me(req).departmentCode, enquiries: enquiries.map(queueItem) });
  });

  router.get('/enquiries/:id', async (req, res) => {
    const enquiry = await repo.findForDepartment(req.params.id, me(req).departmentCode);
    if (!enquiry) return notFound(res);
    res.json({ ...queueItem(enquiry), citizen: {
      fullName: enquiry.fullName, email: enquiry.email, phoneNumber: enquiry.phoneNumber ?? null,
      postcode: enquiry.postcode, address: enquiry.address ?? null,
    }, message: enquiry.message, response: enquiry.responseText ?? null });
  });

  router.post('/enquiries/:id/assign', async (req, res) => {
    const parsed = assignSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json({ error: 'invalid caseworkerId' });
    const caseworker = me(req);
    const assigneeId = parsed.data.caseworkerId ?? caseworker.id;
    const assignee = await repo.findCaseworkerById(assigneeId);
    if (!assignee || assignee.departmentCode !== caseworker.departmentCode) {
      return void res.status(400).json({ error: 'assignee must be a caseworker in your department' });
    }
    const enquiry = await repo.assign(req.params.id, caseworker.departmentCode, assignee.id);
    if (!enquiry) return notFound(res);
    await repo.recordEvent({ enquiryId: enquiry.id, caseworkerId: caseworker.id, action: 'assigned', detail: { assigneeId } });
    res.json(queueItem(enquiry));
  });

  router.post('/enquiries/:id/triage', async (req, res) => {
    const parsed = triageSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json({ error: 'category and priority are required' });
    const caseworker = me(req);
    const enquiry = await repo.triage(req.params.id, caseworker.departmentCode, parsed.data.category, parsed.data.priority);
    if (!enquiry) return notFound(res);
    await repo.recordEvent({ enquiryId: enquiry.id, caseworkerId: caseworker.id, action: 'triaged', detail: parsed.data });
    res.json(queueItem(enquiry));
  });

  router.post('/enquiries/:id/respond', async (req, res) => {
    const parsed = respondSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json({ error: 'response text is required' });
    const caseworker = me(req);
    const enquiry = await repo.respond(req.params.id, caseworker.departmentCode, parsed.data.response, now());
    if (!enquiry) return notFound(res);
    await repo.recordEvent({ enquiryId: enquiry.id, caseworkerId: caseworker.id, action: 'responded' });
    logger.info({ reference: enquiry.reference, slaStatus: enquiry.slaStatus }, 'enquiry responded');
    try {
      await notifier.enquiryResponded(enquiry);
    } catch (error) {
      metrics.notifyFailures.inc({ template: 'enquiry_response' });
      logger.error({ err: error, reference: enquiry.reference }, 'response email failed');
    }
    res.json(queueItem(enquiry));
  });

  return router;
}
