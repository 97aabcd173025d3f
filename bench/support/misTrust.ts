import type { WondeSchool } from '../../standins/wondeSchool';

/** The bench trust's schools at the Wonde stand-in: ids and tokens of the stand-in's own (fictional). */
export const benchWondeSchool = (i: number): { id: string; token: string; name: string } => ({
  id: `B${String(i).padStart(10, '0')}`,
  token: `bench-wonde-token-${String(i).padStart(4, '0')}-not-a-secret`,
  name: `Bench Academy ${i + 1}`,
});

/**
 * One night's changes in a school's MIS, as a busy secondary sees them: 5 pupils join the SEN
 * register, 10 parents change their mobile, 20 behaviour incidents and 10 achievements are recorded
 * for pupils on the register, and one pupil on it leaves. Night n touches other pupils than night n - 1.
 */
export function nightOfChanges(school: WondeSchool, night: number, date: string): void {
  const sen = school.senStudents();
  const others = [...school.students.values()].filter((s) => s.senStatus === 'N');
  for (let k = 0; k < 5; k++) school.joinRegister(others[(night * 5 + k) * 37 % others.length]!.id, 'K', ['SEMH']);
  for (let k = 0; k < 10; k++) {
    const child = sen[(night * 10 + k) * 7 % sen.length]!;
    school.changeMobile(child.contacts[0]!.contactId, `07400 ${String(500000 + night * 1000 + k).padStart(6, '0')}`);
  }
  for (let k = 0; k < 20; k++) school.addBehaviour(sen[(night * 20 + k) * 11 % sen.length]!.id, date, 'DISR');
  for (let k = 0; k < 10; k++) school.addAchievement(sen[(night * 10 + k) * 13 % sen.length]!.id, date, 'MERIT');
  school.leave(sen[(night + 1) * 101 % sen.length]!.id);
}
