import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import twilio from 'twilio';
import type { LanguageCode } from '../../messaging/languages';
import type { PrismaClient } from '../../db/database';
import { ManualClock } from '../../runtime/clock';
import type { ServiceOptions } from '../../service/service';
import { startTestService, type RunningService } from '../support/testService';
import { webhookSecretFile } from '../../sms/webhookSecret';

/** The public address Twilio would call (the service sits behind a proxy in these tests). */
export const PUBLIC_BASE_URL = 'https://engage.school.example';

export interface SmsService extends RunningService {
  clock: ManualClock;
  /** The token webhooks are signed with (the local secret without Twilio). */
  token: string;
  dataDir: string;
}

export async function startSmsService(env: Record<string, string> = {}, now = '2026-09-07T09:00:00Z', service: ServiceOptions = {}): Promise<SmsService> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sms-test-'));
  const clock = new ManualClock(new Date(now));
  const svc = await startTestService({ clock, env: { PUBLIC_BASE_URL, DATA_DIR: dataDir, LOCAL_SIGN_IN: 'true', ...env }, service });
  const token = env.TWILIO_AUTH_TOKEN ?? readFileSync(webhookSecretFile(dataDir), 'utf8').trim();
  return Object.assign(svc, { clock, token, dataDir });
}

export const newSid = (prefix = 'SM'): string => `${prefix}${randomBytes(16).toString('hex')}`;

/** POSTs a form like Twilio does, signed with Twilio's own helper (or with the signature given). */
export async function postSigned(svc: SmsService, pathAndQuery: string, params: Record<string, string>, o: { signature?: string | null; token?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const signature = o.signature === undefined ? twilio.getExpectedTwilioSignature(o.token ?? svc.token, `${PUBLIC_BASE_URL}${pathAndQuery}`, params) : o.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...o.headers };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return fetch(`${svc.baseUrl}${pathAndQuery}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
}

export const TWILIO_NUMBER = '+447700900000';

/**
 * A parent's text, as Twilio would deliver it. It arrives a second after whatever happened before
 * it, and whatever happens next is a second later again: messages are ordered by the instants the
 * service's clock gave them, and people do not act in the same millisecond.
 */
export async function text(svc: SmsService, from: string, body: string, sid = newSid()): Promise<Response> {
  svc.clock.advance(1000);
  const res = await postSigned(svc, '/sms/inbound', { MessageSid: sid, AccountSid: `AC${'0'.repeat(32)}`, From: from, To: TWILIO_NUMBER, Body: body, NumMedia: '0' });
  svc.clock.advance(1000);
  return res;
}

export interface OutboxEntry {
  id: string;
  to: string;
  template: string | null;
  body: string;
  status: string;
  language: string | null;
  segments: number;
  encoding: string;
  pupilId: string | null;
  notBefore: string;
  freeText: boolean;
  providerId: string | null;
}

export async function outbox(svc: SmsService, to?: string): Promise<OutboxEntry[]> {
  const res = await svc.api(`/api/sms/outbox?limit=500${to ? `&to=${encodeURIComponent(to)}` : ''}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: OutboxEntry[] }).messages;
}

/** Runs every due job (delivery, reminders) at the clock's now. */
export const runJobs = (svc: SmsService) => svc.service.jobs.runDue();

export interface Family {
  schoolId: string;
  adminId: string;
  keyTeacherId: string;
  senco: string;
  pupils: { id: string; firstName: string; lastName: string }[];
  contacts: { id: string; mobile: string }[];
}

let counter = 0;
export const mobile = (): string => `+4477009${String(10000 + (counter += 1) + Math.floor(Math.random() * 80000)).slice(-5)}`;

/** A school with an admin, a SENCO, a key teacher, and one family (pupils sharing the given parents). */
export async function seedFamily(
  prisma: PrismaClient,
  o: {
    school?: string;
    children?: { firstName: string; lastName: string }[];
    parents?: { name: string; language?: LanguageCode; consent?: boolean }[];
    schoolId?: string;
  } = {},
): Promise<Family> {
  const schoolId =
    o.schoolId ?? (await prisma.school.create({ data: { name: o.school ?? 'Oakfield Primary', contactPhone: '01632 960123' } })).id;
  const n = (counter += 1);
  const admin = await prisma.staff.create({ data: { schoolId, displayName: 'Office Admin', email: `admin${n}@school.example`, roles: ['ADMIN'] } });
  const senco = await prisma.staff.create({ data: { schoolId, displayName: 'Ms SENCO', email: `senco${n}@school.example`, roles: ['SENCO'] } });
  const keyTeacher = await prisma.staff.create({ data: { schoolId, displayName: 'Mr Key', email: `key${n}@school.example`, roles: ['KEY_TEACHER'] } });
  const pupils = [];
  for (const [i, child] of (o.children ?? [{ firstName: 'Amir', lastName: 'Khan' }]).entries()) {
    pupils.push(
      await prisma.pupil.create({
        data: { schoolId, misId: `M${n}-${i}`, firstName: child.firstName, lastName: child.lastName, yearGroup: 4, senStatus: 'SEN_SUPPORT', primaryNeed: 'SPLD', keyTeacherId: keyTeacher.id, onRegisterSince: new Date('2026-09-01') },
      }),
    );
  }
  const contacts = [];
  for (const [i, parent] of (o.parents ?? [{ name: 'Farah Khan' }]).entries()) {
    const contact = await prisma.contact.create({
      data: { schoolId, displayName: parent.name, mobile: mobile(), preferredLanguage: parent.language ?? 'en', smsConsent: parent.consent ?? true, smsConsentAt: new Date('2026-09-01'), smsConsentMethod: 'ADMISSION_FORM' },
    });
    for (const pupil of pupils) await prisma.pupilContact.create({ data: { pupilId: pupil.id, contactId: contact.id, relationship: 'PARENT', priority: i + 1 } });
    contacts.push(contact);
  }
  return { schoolId, adminId: admin.id, keyTeacherId: keyTeacher.id, senco: senco.id, pupils, contacts };
}

/** Teams messages queued for a member of staff. */
export async function staffNotices(prisma: PrismaClient, staffId: string) {
  return prisma.message.findMany({ where: { staffId, channel: 'TEAMS' }, orderBy: { createdAt: 'asc' } });
}
