import { Router, type Request, type RequestHandler } from 'express';
import { firstIncompleteStep, isComplete, type DhpApplication, type Submission } from '../application.js';
import type { CaseApi } from '../clients/case-api.js';
import type { Notifier } from '../clients/notify.js';
import type { Logger } from '../logger.js';
import { renderReceipt } from '../receipt.js';
import { evidenceUpload, MAX_EVIDENCE_FILES, uploadErrorMessage } from '../upload.js';
import { validateAddress, validateHousehold, validatePersonalDetails, type Result } from '../validation.js';
import { viewErrors } from './errors.js';

export interface ApplyDeps {
  caseApi: CaseApi;
  notifier: Notifier;
  logger: Logger;
}

type StepKey = 'personalDetails' | 'address' | 'household';

function answers(req: Request): DhpApplication {
  req.session.application ??= { evidence: [] };
  return req.session.application;
}

function storedValues(app: DhpApplication, key: StepKey): Record<string, unknown> {
  if (key === 'personalDetails' && app.personalDetails) {
    const [year, month, day] = app.personalDetails.dateOfBirth.split('-');
    return { ...app.personalDetails, 'dateOfBirth-day': day, 'dateOfBirth-month': month, 'dateOfBirth-year': year };
  }
  return { ...app[key] };
}

function showStep(view: string, key: StepKey): RequestHandler {
  return (req, res) => res.render(view, { values: storedValues(answers(req), key) });
}

function saveStep<T>(view: string, key: StepKey, validate: (body: Record<string, unknown>) => Result<T>, next: string): RequestHandler {
  return (req, res) => {
    const result = validate(req.body ?? {});
    if (!result.ok) {
      res.status(400).render(view, { values: req.body, ...viewErrors(result.errors) });
      return;
    }
    Object.assign(answers(req), { [key]: result.value });
    res.redirect(req.query.change ? '/apply/check-answers' : next);
  };
}

export function applyRouter({ caseApi, notifier, logger }: ApplyDeps): Router {
  const router = Router();

  router.get('/start', (_req, res) => res.render('start'));

  router.get('/personal-details', showStep('personal-details', 'personalDetails'));
  router.post('/personal-details', saveStep('personal-details', 'personalDetails', validatePersonalDetails, '/apply/address'));

  router.get('/address', showStep('address', 'address'));
  router.post('/address', saveStep('address', 'address', validateAddress, '/apply/household'));

  router.get('/household', showStep('household', 'household'));
  router.post('/household', saveStep('household', 'household', validateHousehold, '/apply/evidence'));

  router.get('/evidence', (req, res) => res.render('evidence', { evidence: answers(req).evidence }));

  router.post('/evidence', (req, res, next) => {
    const evidence = answers(req).evidence;
    const fail = (message: string) =>
      res.status(400).render('evidence', { evidence, ...viewErrors([{ field: 'evidence', text: message }]) });

    evidenceUpload.single('evidence')(req, res, async (uploadErr?: unknown) => {
      try {
        if (uploadErr) return fail(uploadErrorMessage(uploadErr));
        if (!req.file) return fail('Select a file to upload');
        if (evidence.length >= MAX_EVIDENCE_FILES) return fail(`You can upload up to ${MAX_EVIDENCE_FILES} files`);
        const { documentId } = await caseApi.uploadEvidence({
          filename: req.file.originalname,
          mimeType: req.file.mimetype,
          content: req.file.buffer,
        });
        evidence.push({ documentId, filename: req.file.originalname, sizeBytes: req.file.size });
        res.redirect('/apply/evidence');
      } catch (err) {
        next(err);
      }
    });
  });

  router.get('/check-answers', (req, res) => {
    const missing = firstIncompleteStep(answers(req));
    if (missing) return res.redirect(`/apply/${missing}`);
    res.render('check-answers', { application: answers(req) });
  });

  router.post('/submit', async (req, res) => {
    const application = answers(req);
    if (!isComplete(application)) return res.redirect('/apply/check-answers');
    let reference: string;
    try {
      ({ reference } = await caseApi.submitApplication(application));
    } catch (err) {
      // Answers stay in the session so the citizen can retry without re-entering them.
      logger.error({ err }, 'DHP submission to case API failed');
      return res.status(503).render('check-answers', { application, submissionFailed: true });
    }
    const submission: Submission = {
      reference,
      submittedAt: new Date().toISOString(),
      fullName: application.personalDetails.fullName,
      email: application.personalDetails.email,
      monthlyRent: application.household.monthlyRent,
      evidenceCount: application.evidence.length,
    };
    req.session.submission = submission;
    delete req.session.application;
    logger.info({ reference }, 'DHP application submitted');
    try {
      await notifier.sendConfirmation(submission);
    } catch (err) {
      logger.warn({ err, reference }, 'Confirmation email could not be sent');
    }
    res.redirect('/apply/confirmation');
  });

  router.get('/confirmation', (req, res) => {
    if (!req.session.submission) return res.redirect('/apply/start');
    res.render('confirmation', { submission: req.session.submission });
  });

  router.get('/receipt.pdf', async (req, res) => {
    if (!req.session.submission) return res.status(404).render('not-found');
    const pdf = await renderReceipt(req.session.submission);
    res.type('application/pdf').attachment(`dhp-receipt-${req.session.submission.reference}.pdf`).send(pdf);
  });

  return router;
}
