import { cohortStatus, formerSenUntil, type StatusChange } from '../../domain/formerSen';

const history = (...changes: [StatusChange['senStatus'], string][]): StatusChange[] => changes.map(([senStatus, effectiveOn]) => ({ senStatus, effectiveOn }));

describe('former SEN: tracked for two years after leaving the register (000:394-399)', () => {
  it.each<[string, StatusChange['senStatus'], StatusChange[], string, string | null]>([
    ['on SEN support', 'SEN_SUPPORT', history(['SEN_SUPPORT', '2025-09-03']), '2026-11-16', 'SEN'],
    ['left the register last term', 'NOT_ON_REGISTER', history(['SEN_SUPPORT', '2025-09-03'], ['NOT_ON_REGISTER', '2026-07-20']), '2026-11-16', 'FORMER_SEN'],
    ['left two years ago yesterday', 'NOT_ON_REGISTER', history(['EHC_PLAN', '2023-09-03'], ['NOT_ON_REGISTER', '2024-11-17']), '2026-11-16', 'FORMER_SEN'],
    ['left two years ago today', 'NOT_ON_REGISTER', history(['EHC_PLAN', '2023-09-03'], ['NOT_ON_REGISTER', '2024-11-16']), '2026-11-16', null],
    ['never on the register (imported as not on it)', 'NOT_ON_REGISTER', history(['NOT_ON_REGISTER', '2026-09-02']), '2026-11-16', null],
    ['no history at all', 'NOT_ON_REGISTER', [], '2026-11-16', null],
    ['left, came back, left again: counted from the last time', 'NOT_ON_REGISTER', history(['SEN_SUPPORT', '2022-09-05'], ['NOT_ON_REGISTER', '2023-07-20'], ['SEN_SUPPORT', '2025-01-06'], ['NOT_ON_REGISTER', '2026-03-01']), '2026-11-16', 'FORMER_SEN'],
    ['back on the register', 'SEN_SUPPORT', history(['SEN_SUPPORT', '2022-09-05'], ['NOT_ON_REGISTER', '2023-07-20'], ['SEN_SUPPORT', '2026-01-06']), '2026-11-16', 'SEN'],
    ['history given out of order', 'NOT_ON_REGISTER', history(['NOT_ON_REGISTER', '2026-07-20'], ['SCHOOL_ACTION_PLUS', '2024-09-03']), '2026-11-16', 'FORMER_SEN'],
  ])('%s', (_case, current, changes, today, expected) => {
    expect(cohortStatus(current, changes, today)).toBe(expected);
  });

  it('moves 29 February to 1 March, a day later rather than earlier', () => {
    expect(formerSenUntil('2028-02-29')).toBe('2030-03-01');
  });
});
