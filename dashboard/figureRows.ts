import type { PrismaClient } from '../db/database';
import { dayWords, timeWords } from '../domain/dateWords';
import { AREA_WORDS, CONVERSATION_KIND_WORDS, STATUS_WORDS, yearGroupWords } from '../domain/words';
import type { FigureCounts } from '../digest/figureNames';
import { formatWait } from '../digest/wording';
import { MESSAGE_STATUS } from './words';

/**
 * The rows behind a figure, for the list a figure opens on the dashboard: one row per record the
 * figure counts (digest/figures.ts gives the ids), each naming the pupil it is about so the record
 * is one click away. Staff-only: the dashboard is inside the school.
 */
export interface FigureRow {
  id: string;
  /** The pupil(s) the row is about, linked to their record. */
  pupils: { id: string; name: string }[];
  /** Who or what: a pupil's name, a parent's, a task's. */
  title: string;
  detail: string;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const name = (p: { firstName: string; lastName: string }): string => `${p.firstName} ${p.lastName}`;
const byTitle = (a: FigureRow, b: FigureRow): number => a.title.localeCompare(b.title) || a.detail.localeCompare(b.detail);

export async function figureRows(db: PrismaClient, counts: FigureCounts, ids: string[], o: { timezone: string; now: Date; pupilIds: string[] }): Promise<FigureRow[]> {
  const tz = o.timezone;
  if (ids.length === 0) return [];
  switch (counts) {
    case 'pupils': {
      const pupils = await db.pupil.findMany({ where: { id: { in: ids } }, include: { keyTeacher: { select: { displayName: true } } } });
      return pupils
        .map((p) => ({ id: p.id, pupils: [{ id: p.id, name: name(p) }], title: name(p), detail: `${yearGroupWords(p.yearGroup)}; key teacher: ${p.keyTeacher?.displayName ?? 'not assigned'}` }))
        .sort(byTitle);
    }
    case 'conversations': {
      const rows = await db.structuredConversation.findMany({ where: { id: { in: ids } }, include: { pupil: true, keyTeacher: { select: { displayName: true } } } });
      return rows
        .map((c) => {
          const when = c.heldAt ? `held ${timeWords(c.heldAt, tz)}` : c.status === 'BOOKED' && c.scheduledAt ? `booked for ${timeWords(c.scheduledAt, tz)}` : c.status === 'OFFERED' ? 'times offered, waiting for the parents' : 'to book';
          return { id: c.id, pupils: [{ id: c.pupilId, name: name(c.pupil) }], title: name(c.pupil), detail: capital(`${CONVERSATION_KIND_WORDS[c.kind]}, due by ${dayWords(c.dueBy)}: ${when}`) };
        })
        .sort(byTitle);
    }
    case 'targets': {
      const rows = await db.target.findMany({ where: { id: { in: ids } }, include: { pupil: true } });
      return rows
        .map((t) => ({ id: t.id, pupils: [{ id: t.pupilId, name: name(t.pupil) }], title: name(t.pupil), detail: capital(`${AREA_WORDS[t.area]}: ${t.description} (${STATUS_WORDS[t.status]}; review by ${dayWords(t.reviewBy)})`) }))
        .sort(byTitle);
    }
    case 'parents': {
      const contacts = await db.contact.findMany({
        where: { id: { in: ids } },
        include: {
          pupils: { where: { pupilId: { in: o.pupilIds } }, include: { pupil: true } },
          confidenceRatings: { where: { pupilId: { in: o.pupilIds } }, orderBy: { receivedAt: 'desc' }, take: 1 },
        },
      });
      return contacts
        .map((c) => {
          const state = c.optedOutAt
            ? `opted out of texts ${dayWords(c.optedOutAt.toISOString().slice(0, 10))}`
            : c.unreachableAt
              ? 'number not working'
              : c.confidenceRatings[0]
                ? `latest confidence rating ${c.confidenceRatings[0].score} of 5`
                : 'can be texted';
          const children = c.pupils.map((l) => ({ id: l.pupilId, name: name(l.pupil) }));
          return { id: c.id, pupils: children, title: c.displayName, detail: `Parent or carer of ${children.map((p) => p.name).join(', ')}; ${state}` };
        })
        .sort(byTitle);
    }
    case 'messages': {
      const rows = await db.message.findMany({ where: { id: { in: ids } }, include: { pupil: true, contact: { select: { displayName: true } }, staff: { select: { displayName: true } } } });
      return rows
        .map((m) => {
          const who = m.channel === 'TEAMS' ? (m.staff?.displayName ?? 'a member of staff') : (m.contact?.displayName ?? 'a parent');
          const detail =
            m.direction === 'INBOUND'
              ? `From ${who}, ${timeWords(m.createdAt, tz)}: waiting ${formatWait(Math.floor((o.now.getTime() - m.createdAt.getTime()) / 60_000))}`
              : `${m.channel === 'TEAMS' ? 'Teams message' : 'Text'} to ${who}, ${timeWords(m.createdAt, tz)}: ${MESSAGE_STATUS[m.status].toLowerCase()}${m.errorMessage ? ` (${m.errorMessage})` : ''}`;
          return { id: m.id, pupils: m.pupil ? [{ id: m.pupil.id, name: name(m.pupil) }] : [], title: m.pupil ? name(m.pupil) : who, detail };
        })
        .sort(byTitle);
    }
    case 'tasks': {
      const jobs = await db.job.findMany({ where: { id: { in: ids } } });
      return jobs
        .map((j) => ({ id: j.id, pupils: [], title: j.kind, detail: `Failed ${timeWords(j.completedAt ?? j.updatedAt, tz)}${j.lastError ? `: ${j.lastError}` : ''}` }))
        .sort(byTitle);
    }
  }
}
