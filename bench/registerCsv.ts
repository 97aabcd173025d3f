/**
 * A whole trust's SEN register for load tests: `pupils` rows, 40 key teachers, one or two contacts
 * each, one family in ten with two children. Numbers are fictional (never sent to).
 */
export const REGISTER_TEACHERS = 40;

const NEEDS = ['SpLD', 'MLD', 'SEMH', 'SLCN', 'ASD', 'HI', 'VI', 'PD', 'OTH'];
const STATUS = ['K', 'E', 'SEN Support', 'EHCP'];

export function registerCsv(pupils: number): string {
  const lines = ['UPN,Forename,Surname,Year,SEN Status,Primary Need,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 Relationship,Contact 2 Name,Contact 2 Mobile,Contact 2 Relationship'];
  for (let i = 0; i < pupils; i++) {
    const family = i % 10 === 1 ? i - 1 : i;
    const mother = `07400 ${String(100000 + family).padStart(6, '0')}`;
    const second = i % 2 === 0 ? `Parent ${i},07911 ${String(i).padStart(6, '0')},Father` : ',,';
    lines.push(`U${String(i).padStart(6, '0')},Pupil${i},Family${family},${1 + (i % 11)},${STATUS[i % STATUS.length]},${NEEDS[i % NEEDS.length]},teacher${i % REGISTER_TEACHERS}@trust.example,Mother ${family},${mother},Mother,${second}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Contacts the register yields: every family's mother plus every even pupil's second parent. */
export function registerContacts(pupils: number): number {
  let mothers = 0;
  for (let i = 0; i < pupils; i++) if (i % 10 !== 1) mothers += 1;
  return mothers + Math.ceil(pupils / 2);
}

export function registerTeachers(schoolId: string): { schoolId: string; displayName: string; email: string; roles: ['KEY_TEACHER'] }[] {
  return Array.from({ length: REGISTER_TEACHERS }, (_, i) => ({ schoolId, displayName: `Teacher ${i}`, email: `teacher${i}@trust.example`, roles: ['KEY_TEACHER'] }));
}
