import type { Prisma } from '../../generated/prisma/client';
import type { PrismaClient } from '../../db/database';
import type { Clock } from '../../runtime/clock';
import { messageParentsOf } from '../../messaging/parentMessages';
import { transaction } from '../../db/transaction';

/**
 * A school whose every pupil on the SEN register has one parent who agreed to texts: the batch a
 * half-termly progress round sends. Numbers are +4477009xxxxx, one per parent, so what reaches
 * Twilio can be counted per parent.
 */
export interface SchoolOfParents {
  schoolId: string;
  keyTeacherId: string;
  pupilIds: string[];
  mobiles: string[];
}

export const parentMobile = (i: number): string => `+4477009${String(i).padStart(5, '0')}`;

export async function seedSchoolOfParents(prisma: PrismaClient, o: { pupils: number; school?: Partial<Prisma.SchoolCreateInput> }): Promise<SchoolOfParents> {
  const school = await prisma.school.create({ data: { name: 'Oakfield Primary', contactPhone: '01632 960123', ...o.school } });
  const keyTeacher = await prisma.staff.create({ data: { schoolId: school.id, displayName: 'Hannah Jones', email: 'hannah.jones@oakfield.example', roles: ['KEY_TEACHER'] } });
  const indexes = Array.from({ length: o.pupils }, (_, i) => i);
  const pupils = await prisma.pupil.createManyAndReturn({
    data: indexes.map((i) => ({
      schoolId: school.id,
      misId: `P${i}`,
      firstName: `Pupil${i}`,
      lastName: 'Test',
      yearGroup: 4,
      senStatus: 'SEN_SUPPORT' as const,
      keyTeacherId: keyTeacher.id,
      onRegisterSince: new Date('2026-09-01'),
    })),
    select: { id: true, misId: true },
  });
  const contacts = await prisma.contact.createManyAndReturn({
    data: indexes.map((i) => ({
      schoolId: school.id,
      displayName: `Parent ${i}`,
      mobile: parentMobile(i),
      smsConsent: true,
      smsConsentAt: new Date('2026-09-01'),
      smsConsentMethod: 'ADMISSION_FORM' as const,
    })),
    select: { id: true, mobile: true },
  });
  const pupilIdOf = new Map(pupils.map((p) => [p.misId, p.id]));
  const contactIdOf = new Map(contacts.map((c) => [c.mobile, c.id]));
  const pupilIds = indexes.map((i) => pupilIdOf.get(`P${i}`)!);
  await prisma.pupilContact.createMany({
    data: indexes.map((i) => ({ pupilId: pupilIds[i]!, contactId: contactIdOf.get(parentMobile(i))!, relationship: 'PARENT' as const, priority: 1 })),
  });
  return { schoolId: school.id, keyTeacherId: keyTeacher.id, pupilIds, mobiles: indexes.map(parentMobile) };
}

/** Each pupil's parents are sent a progress update, as the key teacher's half-termly round does (a few at a time). Returns the message ids. */
export async function queueProgressUpdates(prisma: PrismaClient, clock: Clock, pupilIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < pupilIds.length; i += 4) {
    const rounds = pupilIds.slice(i, i + 4).map((pupilId) =>
      transaction(prisma, (tx) => messageParentsOf(tx, clock, { pupilId, template: 'progress.update', params: { achieved: ['MATHS'], workingOn: ['ENGLISH'] } })),
    );
    for (const { queued } of await Promise.all(rounds)) ids.push(...queued);
  }
  return ids;
}
