export type QuestionStatus = 'imported' | 'assigned' | 'drafted' | 'in_clearance' | 'answered';

export interface Question {
  id: number;
  parliamentId: number | null;
  legacyRef: string | null;
  uin: string;
  house: string;
  askingMemberId: number | null;
  memberName: string | null;
  answeringBodyName: string;
  dateTabled: string;
  dateForAnswer: string;
  isNamedDay: boolean;
  questionText: string;
  status: QuestionStatus;
  deadlineFlag: string;
  answerText: string | null;
}

/** A civil servant signed in through the department's identity provider. */
export interface StaffUser {
  sub: string;
  email: string;
  fullName: string;
  roles: string[];
}

export interface Assignee {
  policyTeam: string;
  fullName: string;
  email: string;
}

type Row = Record<string, unknown>;

export function isoDate(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

export function toQuestion(row: Row): Question {
  return {
    id: Number(row.id),
    parliamentId: (row.parliament_id as number | null) ?? null,
    legacyRef: (row.legacy_ref as string | null) ?? null,
    uin: row.uin as string,
    house: row.house as string,
    askingMemberId: (row.asking_member_id as number | null) ?? null,
    memberName: (row.member_name as string | null) ?? null,
    answeringBodyName: row.answering_body_name as string,
    dateTabled: isoDate(row.date_tabled),
    dateForAnswer: isoDate(row.date_for_answer),
    isNamedDay: Boolean(row.is_named_day),
    questionText: row.question_text as string,
    status: row.status as QuestionStatus,
    deadlineFlag: row.deadline_flag as string,
    answerText: (row.answer_text as string | null) ?? null,
  };
}
