import type { WrittenQuestion } from '../../src/parliament/client.js';

let nextId = 1_700_000;

export function writtenQuestion(overrides: Partial<WrittenQuestion> = {}): WrittenQuestion {
  const id = nextId++;
  return {
    id,
    uin: String(id % 100_000),
    house: 'Commons',
    askingMemberId: 4_776,
    askingMember: { name: 'Jane Doe MP', party: 'Independent' },
    answeringBodyId: 17,
    answeringBodyName: 'Department for Education',
    dateTabled: '2025-03-03T00:00:00',
    dateForAnswer: '2025-03-05T00:00:00',
    isNamedDay: false,
    questionText: 'To ask the Secretary of State for Education, how many schools have applied for capital funding.',
    isWithdrawn: false,
    ...overrides,
  };
}

export function page(questions: WrittenQuestion[], totalResults = questions.length) {
  return { totalResults, results: questions.map((value) => ({ value, links: [] })) };
}
