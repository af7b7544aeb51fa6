export interface ValidatorFile {
  rel: string;
  abs: string;
}

export interface ValidatorProblem {
  file: string;
  message: string;
}

export interface ValidatorResult {
  problems?: ValidatorProblem[];
  /** Why the validator did not run (its tool is missing); reported as a warning. */
  skipped?: string;
  /** Findings that need a person but do not fail the check, such as placeholders left to fill in. */
  warnings?: ValidatorProblem[];
}

/** A real tool run over generated files of one kind. */
export interface Validator {
  id: string;
  title: string;
  applies(rel: string): boolean;
  run(files: ValidatorFile[]): Promise<ValidatorResult>;
}
