import multer from 'multer';

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 5;
export const ALLOWED_EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

export class EvidenceTypeError extends Error {}

// Files stay in memory only long enough to be forwarded to the case-management document store.
export const evidenceUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 5 },
  fileFilter(_req, file, callback) {
    if (ALLOWED_EVIDENCE_TYPES.includes(file.mimetype)) callback(null, true);
    else callback(new EvidenceTypeError(file.mimetype));
  },
});

export function uploadErrorMessage(err: unknown): string {
  if (err instanceof EvidenceTypeError) return 'The selected file must be a PDF, JPG or PNG';
  if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') return 'The selected file must be smaller than 5MB';
  if (err instanceof multer.MulterError) return 'Upload one file at a time';
  throw err;
}
