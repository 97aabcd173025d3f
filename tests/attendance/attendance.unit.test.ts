import { addSessions, attendancePercent, attendanceTrend, persistentlyAbsent, sessionsProblem } from '../../attendance/attendance';

describe('attendance from sessions possible and attended', () => {
  it.each([
    // possible, attended, percent, persistent absence (missing 10% or more, DfE)
    [140, 140, 100, false],
    [140, 133, 95, false],
    [1000, 901, 90.1, false],
    [1000, 900, 90, true],
    [1000, 899, 89.9, true],
    [142, 127, 89.4, true],
    [3, 2, 66.7, true],
    [0, 0, null, false],
  ])('%i possible, %i attended: %s%%, persistent absence %s', (possible, attended, percent, pa) => {
    expect(attendancePercent({ possible, attended })).toBe(percent);
    expect(persistentlyAbsent({ possible, attended })).toBe(pa);
  });

  it("adds a group's sessions rather than averaging its pupils' percentages", () => {
    const group = addSessions([{ possible: 100, attended: 50 }, { possible: 300, attended: 300 }]);
    expect(group).toEqual({ possible: 400, attended: 350 });
    expect(attendancePercent(group)).toBe(87.5);
  });

  it.each([
    [{ possible: 140, attended: 126 }, { possible: 120, attended: 114 }, { change: 5, direction: 'up' }],
    [{ possible: 140, attended: 133 }, { possible: 120, attended: 108 }, { change: -5, direction: 'down' }],
    [{ possible: 100, attended: 95 }, { possible: 200, attended: 190 }, { change: 0, direction: 'level' }],
    [{ possible: 0, attended: 0 }, { possible: 200, attended: 190 }, null],
  ])('the trend from %j to %j', (before, after, trend) => {
    expect(attendanceTrend(before, after)).toEqual(trend);
  });

  it.each([
    [{ possible: 10, attended: 11 }, 10, '11 sessions attended is more than the 10 possible'],
    [{ possible: 30, attended: 10 }, 14, '30 sessions possible is more than two a day over 14 days'],
    [{ possible: -1, attended: 0 }, 14, 'sessions are whole numbers, 0 or more'],
    [{ possible: 28, attended: 27 }, 14, undefined],
  ])('refuses counts that cannot be right: %j over %i days', (s, days, problem) => {
    expect(sessionsProblem(s, days)).toBe(problem);
  });
});
