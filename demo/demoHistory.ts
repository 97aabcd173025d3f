import type { PupilInvolvement, TargetArea, TargetHorizon, ViewsGatheredBy } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { recordAudit, type Actor } from '../audit/audit';
import type { Principal } from '../domain/access';
import { addDays, atLocalTime, isSchoolDay, isoWeekday, localDate, schoolDayOnOrBefore, type IsoDate, type SchoolCalendar } from '../domain/schoolCalendar';
import { loadSchoolCalendar } from '../school/calendar';
import { recordProgressUpdate, recordPupilViews } from '../recording/pupilVoice';
import { RHYTHM_JOB } from '../scheduling/rhythmJobs';
import { renderText, type Common, type TemplateKey, type TemplateParams } from '../messaging/catalogue';
import type { LanguageCode } from '../messaging/languages';

/**
 * DEMO SEEDING ONLY. A term of the demo school's history up to the clock's now, so the dashboard,
 * the digest and the bot have something to show the moment the demo starts: structured
 * conversations held with their four stages, the pupils' views, targets in several areas with
 * progress, texts to and from parents (delivered, answered, one reply waiting, one parent who
 * opted out, one text not delivered) and parents' confidence over the months.
 *
 * The pupils' views and progress go through the product's own recording functions, dated by a
 * clock set in the past. Conversations, targets, texts and ratings are written directly: the
 * product's own paths would plan and send follow-ups (confirm the targets, ask for confidence)
 * now, for conversations held weeks ago. Those rows are marked as demo seeding: texts carry an
 * idempotency key starting `demo:`, and one audit event `demo.history` says what was added.
 * Every name is fictional; every number is in Ofcom's drama range.
 */
const demoActor: Actor = { kind: 'SYSTEM', label: 'demo data' };
const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;
/** The story's length in days: the first conversation is held about ten weeks before now. */
const STORY_DAYS = 75;

interface TargetStory {
  area: TargetArea;
  horizon: TargetHorizon;
  description: string;
  successLooksLike: string;
  schoolActions: string;
  homeActions: string;
  /** Days after the conversation the target is to be reviewed by. */
  reviewAfterDays: number;
  /** A progress update: days after the conversation, status and note. None: not reviewed yet. */
  progress?: { afterDays: number; status: 'WORKING_TOWARDS' | 'ACHIEVED' | 'NEEDS_CHANGE'; note: string };
}

interface PupilStory {
  misId: string;
  /** Days before now the initial structured conversation was held. */
  heldDaysAgo: number;
  views: { gatheredBy: ViewsGatheredBy; goodAt: string; findHard: string; helpsMe: string; wantToGetBetterAt: string };
  explore: { strengths: string; barriers: string; aspirations: string };
  focus: string;
  plan: string;
  involvement: PupilInvolvement;
  targets: TargetStory[];
  /** Confidence the parent gave (first contact): days before now and score 1-5. */
  ratings: { daysAgo: number; score: number }[];
  /** The parent's own words after the conversation, answered by the key teacher unless `waiting`. */
  parentSays?: { afterDays: number; body: string; waiting?: boolean };
}

const STORIES: PupilStory[] = [
  {
    misId: 'DEMO0001', // Amir, Reception, speech and language
    heldDaysAgo: 68,
    views: { gatheredBy: 'WITH_KEY_TEACHER', goodAt: 'Building towers and the sand tray', findHard: 'Telling grown-ups what I want', helpsMe: 'Picture cards', wantToGetBetterAt: 'Talking to my friends' },
    explore: { strengths: 'Plays well alongside others, loves construction toys, very determined', barriers: 'Gets frustrated when he cannot find the words and then withdraws', aspirations: 'Mum wants him to be able to ask for help and make friends' },
    focus: 'Asking for what he needs in words rather than pointing',
    plan: 'Speech and language group twice a week; visual choice boards at snack and home; mum to share words that work at home',
    involvement: 'VIEWS_GATHERED_BEFOREHAND',
    targets: [
      {
        area: 'ENGLISH', horizon: 'MEDIUM', description: 'Use two-word phrases to ask for what he needs at snack time', successLooksLike: 'Asks with two words without a prompt on 3 days out of 5',
        schoolActions: 'Speech and language group twice a week; choice board at snack', homeActions: 'Offer two choices at tea time and wait for his words', reviewAfterDays: 42,
        progress: { afterDays: 30, status: 'WORKING_TOWARDS', note: "Now asks for 'more juice' and 'my coat' without a prompt" },
      },
      {
        area: 'PARTICIPATION', horizon: 'SHORT', description: 'Join the Tuesday lunchtime construction club with a friend', successLooksLike: 'Goes every week and stays for the whole club',
        schoolActions: 'Teaching assistant walks him there for the first two weeks', homeActions: 'Talk about what he built on Tuesday evenings', reviewAfterDays: 35,
        progress: { afterDays: 28, status: 'ACHIEVED', note: 'Goes every week with his friend and shows his models to the class' },
      },
    ],
    ratings: [{ daysAgo: 66, score: 2 }, { daysAgo: 15, score: 4 }],
    parentSays: { afterDays: 1, body: 'شکریہ، ہم گھر پر بھی کھانے کے وقت دو چیزوں میں سے انتخاب کروائیں گے۔' },
  },
  {
    misId: 'DEMO0002', // Zara, Year 3, dyslexia
    heldDaysAgo: 61,
    views: { gatheredBy: 'PUPIL_PROFILE', goodAt: 'Drawing and making up stories', findHard: 'Spelling and reading out loud', helpsMe: 'Coloured overlays and extra time', wantToGetBetterAt: 'Reading chapter books like my friends' },
    explore: { strengths: 'Creative, great ideas for stories, kind to younger children', barriers: 'Reading aloud in front of the class makes her anxious', aspirations: 'To enjoy reading and feel proud of her writing' },
    focus: 'Confidence with common words so that reading feels less tiring',
    plan: 'Daily precision teaching of common exception words; reading to a teaching assistant rather than the class',
    involvement: 'TOOK_PART_IN_PART',
    targets: [
      {
        area: 'ENGLISH', horizon: 'MEDIUM', description: 'Read the Year 3 common exception words accurately', successLooksLike: 'Reads 25 of the 30 words on two different days',
        schoolActions: 'Five minutes of precision teaching each morning', homeActions: 'Word games for ten minutes, three evenings a week', reviewAfterDays: 49,
        progress: { afterDays: 21, status: 'WORKING_TOWARDS', note: 'Reads 18 of the 30 words accurately' },
      },
      {
        area: 'MATHS', horizon: 'SHORT', description: 'Recall the 2, 5 and 10 times tables', successLooksLike: 'Answers mixed questions within 5 seconds each',
        schoolActions: 'Times tables songs in morning work', homeActions: 'Practise in the car on the way to school', reviewAfterDays: 42,
        progress: { afterDays: 35, status: 'ACHIEVED', note: 'Knows all three tables and is starting the 3s' },
      },
    ],
    ratings: [{ daysAgo: 59, score: 3 }],
  },
  {
    misId: 'DEMO0003', // Oliwia, Year 1, autism, EHC plan
    heldDaysAgo: 54,
    views: { gatheredBy: 'WITH_KEY_TEACHER', goodAt: 'Puzzles and counting', findHard: 'The noisy hall at lunchtime', helpsMe: 'My ear defenders and the quiet room', wantToGetBetterAt: 'Playing games with other children' },
    explore: { strengths: 'Excellent memory, loves numbers and patterns, follows routines well', barriers: 'Noise and changes to the day cause distress', aspirations: 'To have a friend to play with at break' },
    focus: 'Playing alongside and then with other children',
    plan: 'Social stories before changes; a visual timetable on her desk; small-group games with an adult',
    involvement: 'VIEWS_GATHERED_BEFOREHAND',
    targets: [
      {
        area: 'RELATIONSHIPS', horizon: 'MEDIUM', description: 'Take turns in a small-group game with adult support', successLooksLike: 'Takes three turns in a game with two other children',
        schoolActions: 'Turn-taking games in the nurture group twice a week', homeActions: 'Play simple board games with her brother', reviewAfterDays: 42,
        progress: { afterDays: 30, status: 'NEEDS_CHANGE', note: 'The hall is too noisy for her to join in; move the group to the quiet room' },
      },
      {
        area: 'ENGLISH', horizon: 'LONG', description: 'Write her name and a simple sentence using the word mat', successLooksLike: 'Writes a sentence of four words with a capital letter and full stop',
        schoolActions: 'Word mat and sentence strips in every writing lesson', homeActions: 'Write the shopping list together at weekends', reviewAfterDays: 70,
      },
    ],
    ratings: [{ daysAgo: 52, score: 3 }],
    parentSays: { afterDays: 2, body: 'Dziękuję. Oliwia bardzo lubi ciche miejsce, w domu też mamy takie miejsce.' },
  },
  {
    misId: 'DEMO0004', // Jayden, Year 5, social, emotional and mental health, looked after
    heldDaysAgo: 47,
    views: { gatheredBy: 'WITH_KEY_TEACHER', goodAt: 'Football and helping in the garden club', findHard: 'Mornings and when people shout', helpsMe: 'Having a job to do when I get in', wantToGetBetterAt: 'Staying in class when I am cross' },
    explore: { strengths: 'Sporty, helpful with younger pupils, good sense of humour', barriers: 'Late arrival after difficult mornings, leaves the room when upset', aspirations: 'Karen hopes he will settle and enjoy secondary school next year' },
    focus: 'A calm start to the day and staying in the classroom',
    plan: 'Morning job in the garden club; time-out card agreed with him; weekly check-in with the designated teacher',
    involvement: 'TOOK_PART_FULLY',
    targets: [
      {
        area: 'ATTENDANCE', horizon: 'SHORT', description: 'Arrive by 8:50 on four days out of five', successLooksLike: 'Four on-time days a week for three weeks running',
        schoolActions: 'Morning job feeding the school chickens at 8:45', homeActions: 'Karen to use the agreed morning routine chart', reviewAfterDays: 28,
        progress: { afterDays: 21, status: 'WORKING_TOWARDS', note: 'On time on 4 of 5 days for the last two weeks' },
      },
      {
        area: 'BEHAVIOUR', horizon: 'MEDIUM', description: 'Use his time-out card instead of leaving the classroom', successLooksLike: 'Uses the card rather than walking out, every time for a fortnight',
        schoolActions: 'Card on his desk; a calm corner in the classroom', homeActions: 'Talk about the day using the feelings chart', reviewAfterDays: 35,
      },
    ],
    ratings: [{ daysAgo: 45, score: 2 }, { daysAgo: 9, score: 3 }],
  },
  {
    misId: 'DEMO0006', // Ellie, Year 6, hearing impairment, EHC plan
    heldDaysAgo: 40,
    views: { gatheredBy: 'PUPIL_PROFILE', goodAt: 'Singing and art', findHard: 'Hearing in group work', helpsMe: 'My radio aid and sitting at the front', wantToGetBetterAt: 'Asking when I have not heard' },
    explore: { strengths: 'Hard-working, artistic, wonderful singing voice', barriers: 'Misses instructions in noisy rooms and does not like to ask again', aspirations: 'To join the choir and move to secondary school confidently' },
    focus: 'Checking she has understood, and joining the choir',
    plan: 'Teachers wear the radio aid transmitter; instructions written on the board; the teacher of the deaf visits each half term',
    involvement: 'TOOK_PART_FULLY',
    targets: [
      {
        area: 'ENGLISH', horizon: 'MEDIUM', description: 'Check her understanding by repeating instructions back to an adult', successLooksLike: 'Repeats back the task at the start of each lesson without a prompt',
        schoolActions: 'Adult checks in at the start of every lesson', homeActions: 'Repeat-back game with instructions at home', reviewAfterDays: 50,
      },
      {
        area: 'PARTICIPATION', horizon: 'SHORT', description: 'Join the school choir with her radio aid', successLooksLike: 'Goes to choir every week and sings in the carol concert',
        schoolActions: 'Choir leader wears the transmitter', homeActions: 'Practise the songs at home', reviewAfterDays: 28,
        progress: { afterDays: 21, status: 'ACHIEVED', note: 'Goes every week and has a solo line in the concert' },
      },
    ],
    ratings: [{ daysAgo: 38, score: 3 }, { daysAgo: 6, score: 4 }],
    parentSays: { afterDays: 3, body: 'Thank you, Ellie came home singing. Could we also meet about her new hearing aids?' },
  },
  {
    misId: 'DEMO0008', // Ruby, Year 5, visual impairment, EHC plan (the SENCO is her key teacher)
    heldDaysAgo: 26,
    views: { gatheredBy: 'IN_CONVERSATION', goodAt: 'Swimming and mental maths', findHard: 'Small print and the whiteboard', helpsMe: 'Large print and my magnifier', wantToGetBetterAt: 'Finding my way round the new building' },
    explore: { strengths: 'Quick at mental maths, confident swimmer, independent', barriers: 'Worksheets in small print slow her down', aspirations: 'Farah wants her to be as independent as possible' },
    focus: 'Independence with maths work and around school',
    plan: 'All worksheets enlarged to 24 point; talking calculator; mobility training in the new building',
    involvement: 'TOOK_PART_IN_PART',
    targets: [
      {
        area: 'MATHS', horizon: 'MEDIUM', description: 'Use the talking calculator to check column addition', successLooksLike: 'Checks her own answers in every maths lesson',
        schoolActions: 'Talking calculator on her desk; enlarged worksheets', homeActions: 'Use the calculator for the shopping bill', reviewAfterDays: 45,
        progress: { afterDays: 16, status: 'WORKING_TOWARDS', note: 'Uses it without a reminder in most lessons' },
      },
      {
        area: 'PARTICIPATION', horizon: 'SHORT', description: 'Go to Friday swimming club', successLooksLike: 'Goes every Friday for half a term',
        schoolActions: 'Swimming coach told about her needs', homeActions: 'Grandfather to collect her afterwards', reviewAfterDays: 50,
      },
    ],
    ratings: [{ daysAgo: 24, score: 3 }],
  },
  {
    misId: 'DEMO0007', // Noah, Year 2, physical disability
    heldDaysAgo: 4,
    views: { gatheredBy: 'WITH_KEY_TEACHER', goodAt: 'Counting and Lego', findHard: 'PE and getting changed', helpsMe: 'The ramp and my special chair', wantToGetBetterAt: 'Playing football with my friends' },
    explore: { strengths: 'Cheerful, great with numbers, a good friend', barriers: 'Tires quickly; PE lessons leave him out', aspirations: 'Ben wants him to join in with everything his friends do' },
    focus: 'Taking part in PE and counting in tens',
    plan: 'Adapted PE equipment; extra time to change; physiotherapy exercises in the morning',
    involvement: 'TOOK_PART_FULLY',
    targets: [
      {
        area: 'MATHS', horizon: 'MEDIUM', description: 'Count on in tens from any number to 100', successLooksLike: 'Counts on from any number without a number line',
        schoolActions: 'Number line games in maths group', homeActions: 'Count in tens on walks', reviewAfterDays: 38,
      },
      {
        area: 'PARTICIPATION', horizon: 'SHORT', description: 'Take part in PE each week with the adapted equipment', successLooksLike: 'Joins in every PE lesson for half a term',
        schoolActions: 'PE teacher plans an adapted role each lesson', homeActions: 'Physiotherapy exercises at weekends', reviewAfterDays: 30,
      },
    ],
    ratings: [{ daysAgo: 2, score: 4 }],
    parentSays: { afterDays: 3, body: 'Thanks for the meeting. Noah is worried about sports day, can we talk about what he can do?', waiting: true },
  },
];

/** The seeded clock: a moment in the demo's past. */
const pastClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });

/** The school day on or before (step -1) or after (step 1) `date`; a weekday, when the date is outside the terms entered. */
function schoolDayFrom(cal: SchoolCalendar, date: IsoDate, step: -1 | 1): IsoDate {
  for (let d = date, i = 0; i < 21; d = addDays(d, step), i += 1) if (isSchoolDay(cal, d)) return d;
  let d = date;
  while (isoWeekday(d) > 5) d = addDays(d, step);
  return d;
}

export interface DemoHistory {
  conversationsHeld: number;
  targets: number;
  texts: number;
  ratings: number;
}

/** Adds the demo school's term of history before the clock's now (demo seeding only). */
export async function seedDemoHistory(prisma: PrismaClient, clock: Clock, schoolId: string): Promise<DemoHistory> {
  const now = clock.now();
  const cal = await loadSchoolCalendar(prisma, schoolId);
  const school = await prisma.school.findUniqueOrThrow({ where: { id: schoolId }, select: { name: true, timezone: true } });
  const tz = school.timezone;
  const today = localDate(now, tz);
  // Early in a school year the story is told faster, so that it still starts in this year's first term.
  const yearStart = cal.terms.map((t) => t.startsOn).filter((d) => d <= today).sort()[0];
  const daysIn = yearStart ? (Date.parse(today) - Date.parse(yearStart)) / DAY_MS : STORY_DAYS;
  const pace = Math.min(1, daysIn / STORY_DAYS);
  const span = (days: number): number => Math.round(days * pace);
  /** A school-local time on the school day `daysAgo` (story days) before today, never later than now. */
  const ago = (daysAgo: number, hhmm: string): Date => {
    const at = atLocalTime(schoolDayFrom(cal, addDays(today, -span(daysAgo)), -1), hhmm, tz);
    return at < now ? at : new Date(now.getTime() - HOUR_MS);
  };
  const pupils = await prisma.pupil.findMany({
    where: { schoolId },
    include: { keyTeacher: true, contacts: { include: { contact: true }, orderBy: { priority: 'asc' } } },
  });
  const byMis = new Map(pupils.map((p) => [p.misId, p]));
  const pupil = (misId: string) => {
    const p = byMis.get(misId);
    if (!p) throw new Error(`the demo roster has no pupil ${misId}`);
    return p;
  };

  let texts = 0;
  let ratings = 0;
  let targetCount = 0;
  const progress: { at: Date; pupilId: string; by: Principal; targetId: string; status: 'WORKING_TOWARDS' | 'ACHIEVED' | 'NEEDS_CHANGE'; note: string }[] = [];
  const views: { at: Date; pupilId: string; by: Principal; conversationId: string; story: PupilStory['views'] }[] = [];

  await prisma.$transaction(
    async (tx) => {
      /** One text to or from a parent, as the outbox and the inbound webhook would have left it. */
      async function sms(o: {
        key: string;
        direction: 'OUTBOUND' | 'INBOUND';
        at: Date;
        contact: { id: string; mobile: string; preferredLanguage: LanguageCode };
        pupilId: string;
        body: string;
        template?: TemplateKey;
        conversationId?: string;
        failed?: { code: string; message: string };
        handled?: { at: Date; byId: string | null };
      }) {
        texts += 1;
        const out = o.direction === 'OUTBOUND';
        return tx.message.create({
          data: {
            schoolId,
            channel: 'SMS',
            direction: o.direction,
            status: out ? (o.failed ? 'UNDELIVERED' : 'DELIVERED') : 'RECEIVED',
            template: o.template ?? null,
            language: o.contact.preferredLanguage,
            body: o.body,
            contactId: o.contact.id,
            pupilId: o.pupilId,
            conversationId: o.conversationId ?? null,
            fromAddress: out ? null : o.contact.mobile,
            toAddress: out ? o.contact.mobile : null,
            idempotencyKey: `demo:${o.key}`,
            attempts: out ? 1 : 0,
            sentAt: out ? o.at : null,
            deliveredAt: out && !o.failed ? new Date(o.at.getTime() + 20_000) : null,
            errorCode: o.failed?.code ?? null,
            errorMessage: o.failed?.message ?? null,
            handledAt: o.handled?.at ?? null,
            handledById: o.handled?.byId ?? null,
            createdAt: o.at,
            updatedAt: out ? new Date(o.at.getTime() + 20_000) : o.at,
          },
        });
      }
      /** A catalogue text in the parent's language, as the product words it. */
      const catalogue = <K extends TemplateKey>(key: K, language: LanguageCode, child: string, params: TemplateParams[K]): string =>
        renderText(key, language, { ...params, school: school.name, child } as TemplateParams[K] & Common, tz);

      for (const story of STORIES) {
        const p = pupil(story.misId);
        const teacher = p.keyTeacher;
        if (!teacher) throw new Error(`demo pupil ${story.misId} has no key teacher`);
        const teacherAs: Principal = { kind: 'staff', staffId: teacher.id, schoolId, roles: teacher.roles, label: `${teacher.email} (demo data)` };
        const parents = p.contacts.filter((c) => c.parentalResponsibility && c.contact.smsConsent);
        const first = parents[0]?.contact;
        if (!first) throw new Error(`demo pupil ${story.misId} has no parent who agreed to texts`);
        const heldAt = ago(story.heldDaysAgo, '15:30');
        const heldOn = localDate(heldAt, tz);
        // Review dates, like meetings, fall on school days: a date in a holiday or at a weekend moves back to the school day before.
        const reviewOn = (days: number): IsoDate => schoolDayOnOrBefore(cal, addDays(heldOn, span(days)));
        const reviewBy = (days: number): Date => new Date(`${reviewOn(days)}T00:00:00Z`);
        /** A school-local time on the school day `days` (story days) after the conversation, before now. */
        const after = (days: number, hhmm: string): Date => {
          const at = atLocalTime(schoolDayFrom(cal, addDays(heldOn, Math.max(1, span(days))), 1), hhmm, tz);
          return at < now ? at : new Date(Math.min(now.getTime(), Math.max(heldAt.getTime() + HOUR_MS, now.getTime() - HOUR_MS)));
        };
        const nextReview = Math.min(...story.targets.map((t) => t.reviewAfterDays));

        const conversation = await tx.structuredConversation.create({
          data: {
            pupilId: p.id,
            keyTeacherId: teacher.id,
            kind: 'INITIAL',
            status: 'HELD',
            dueBy: reviewBy(7),
            scheduledAt: heldAt,
            durationMinutes: 45,
            location: 'Meeting room',
            recordState: 'FINAL',
            exploreStrengths: story.explore.strengths,
            exploreBarriers: story.explore.barriers,
            exploreAspirations: story.explore.aspirations,
            focusNotes: story.focus,
            planNotes: story.plan,
            attendees: [
              ...parents.map((c) => ({ name: c.contact.displayName, role: c.relationship === 'FOSTER_CARER' ? 'Foster carer' : 'Parent' })),
              { name: teacher.displayName, role: 'Key teacher' },
            ],
            pupilInvolvement: story.involvement,
            heldAt,
            recordedAt: new Date(heldAt.getTime() + 2 * HOUR_MS),
            recordedById: teacher.id,
            subjectTeachersToldAt: after(1, '12:30'),
            parentConfirmedAt: after(1, '16:00'),
            nextReviewBy: reviewBy(nextReview),
            version: 2,
            createdAt: ago(story.heldDaysAgo + 14, '09:00'),
          },
        });
        views.push({ at: ago(story.heldDaysAgo + 3, '10:15'), pupilId: p.id, by: teacherAs, conversationId: conversation.id, story: story.views });

        const areas: TargetArea[] = [];
        for (const t of story.targets) {
          const target = await tx.target.create({
            data: {
              pupilId: p.id,
              conversationId: conversation.id,
              area: t.area,
              horizon: t.horizon,
              description: t.description,
              successLooksLike: t.successLooksLike,
              schoolActions: t.schoolActions,
              homeActions: t.homeActions,
              reviewBy: reviewBy(t.reviewAfterDays),
              createdById: teacher.id,
              createdAt: new Date(heldAt.getTime() + 2 * HOUR_MS),
            },
          });
          targetCount += 1;
          areas.push(t.area);
          if (t.progress && addDays(heldOn, span(t.progress.afterDays)) < today) {
            progress.push({ at: after(t.progress.afterDays, '15:45'), pupilId: p.id, by: teacherAs, targetId: target.id, status: t.progress.status, note: t.progress.note });
          }
        }

        // The booking, the confirmation of the targets, and the confidence question, to every parent who agreed to texts.
        const bookedAt = ago(story.heldDaysAgo + 7, '10:00');
        for (const { contact } of parents) {
          const key = `${story.misId}:${contact.id}`;
          await sms({ key: `${key}:booked`, direction: 'OUTBOUND', at: bookedAt, contact, pupilId: p.id, conversationId: conversation.id, template: 'booking.confirmed', body: catalogue('booking.confirmed', contact.preferredLanguage, p.firstName, { at: heldAt }) });
          await sms({
            key: `${key}:targets`,
            direction: 'OUTBOUND',
            at: after(1, '16:00'),
            contact,
            pupilId: p.id,
            conversationId: conversation.id,
            template: 'targets.confirmed',
            body: catalogue('targets.confirmed', contact.preferredLanguage, p.firstName, { areas, nextReview: reviewOn(nextReview) }),
          });
        }
        // The trail's confidence question went out (its job ran), so the planner does not ask again.
        const firstAsked = ago(story.ratings[0]?.daysAgo ?? story.heldDaysAgo, '16:00');
        await tx.job.create({
          data: { schoolId, kind: RHYTHM_JOB.confidence, dedupeKey: `${RHYTHM_JOB.confidence}:${conversation.id}`, runAt: firstAsked, status: 'DONE', attempts: 1, subjectId: conversation.id, completedAt: firstAsked, createdAt: heldAt, updatedAt: firstAsked },
        });
        for (const [i, r] of story.ratings.entries()) {
          const asked = ago(r.daysAgo, '16:00');
          const answered = new Date(asked.getTime() + 2 * HOUR_MS);
          const key = `${story.misId}:confidence:${i}`;
          await sms({ key: `${key}:ask`, direction: 'OUTBOUND', at: asked, contact: first, pupilId: p.id, conversationId: conversation.id, template: 'confidence.check', body: catalogue('confidence.check', first.preferredLanguage, p.firstName, {}) });
          await sms({ key: `${key}:answer`, direction: 'INBOUND', at: answered, contact: first, pupilId: p.id, conversationId: conversation.id, body: String(r.score), handled: { at: answered, byId: null } });
          await sms({ key: `${key}:thanks`, direction: 'OUTBOUND', at: new Date(answered.getTime() + 60_000), contact: first, pupilId: p.id, conversationId: conversation.id, template: 'confidence.thanks', body: catalogue('confidence.thanks', first.preferredLanguage, p.firstName, {}) });
          await tx.confidenceRating.create({ data: { contactId: first.id, pupilId: p.id, conversationId: conversation.id, score: r.score, receivedAt: answered } });
          ratings += 1;
        }
        if (story.parentSays) {
          const at = after(story.parentSays.afterDays, '18:20');
          const waiting = story.parentSays.waiting === true;
          const reply = await sms({
            key: `${story.misId}:says`,
            direction: 'INBOUND',
            at,
            contact: first,
            pupilId: p.id,
            conversationId: conversation.id,
            body: story.parentSays.body,
            handled: waiting ? undefined : { at: new Date(at.getTime() + 16 * HOUR_MS), byId: teacher.id },
          });
          // What the product did with it: passed to the key teacher in Teams, and thanked the parent.
          await tx.message.create({
            data: {
              schoolId,
              channel: 'TEAMS',
              direction: 'OUTBOUND',
              status: 'SENT',
              template: 'parent.reply',
              body: `${first.displayName}, parent or carer of ${p.firstName} ${p.lastName}, replied by text: "${story.parentSays.body}"`,
              staffId: teacher.id,
              pupilId: p.id,
              conversationId: conversation.id,
              inReplyToId: reply.id,
              idempotencyKey: `demo:${story.misId}:says:teams`,
              attempts: 1,
              sentAt: new Date(at.getTime() + 30_000),
              createdAt: at,
              updatedAt: new Date(at.getTime() + 30_000),
            },
          });
          await sms({ key: `${story.misId}:says:ack`, direction: 'OUTBOUND', at: new Date(at.getTime() + 60_000), contact: first, pupilId: p.id, conversationId: conversation.id, template: 'reply.received', body: catalogue('reply.received', first.preferredLanguage, p.firstName, {}) });
        }
      }

      // Amir's father texted STOP a month ago: he hears nothing more until he texts START.
      const amir = pupil('DEMO0001');
      const father = amir.contacts.find((c) => c.relationship === 'FATHER')?.contact;
      if (father) {
        const stoppedAt = ago(30, '19:05');
        await sms({ key: 'DEMO0001:father:stop', direction: 'INBOUND', at: stoppedAt, contact: father, pupilId: amir.id, body: 'STOP', handled: { at: stoppedAt, byId: null } });
        await sms({ key: 'DEMO0001:father:stopped', direction: 'OUTBOUND', at: new Date(stoppedAt.getTime() + 60_000), contact: father, pupilId: amir.id, template: 'stop.confirmed', body: catalogue('stop.confirmed', father.preferredLanguage, amir.firstName, {}) });
        await tx.contact.update({ where: { id: father.id }, data: { optedOutAt: stoppedAt } });
        await recordAudit(tx, { kind: 'PARENT', id: father.id, label: 'parent (demo data)' }, { schoolId, action: 'contact.optOut', entityType: 'Contact', entityId: father.id, after: { optedOutAt: stoppedAt, keyword: 'STOP' } });
      }

      // Ioana's initial conversation is booked for this week; the reminder to her mother did not arrive.
      const ioana = pupil('DEMO0005');
      const elena = ioana.contacts[0]!.contact;
      const weekEnd = addDays(today, 5 - Math.min(5, isoWeekday(today)));
      const meetingOn = weekEnd > today ? weekEnd : today;
      const meetingAt = atLocalTime(meetingOn, '15:30', tz);
      const booked = meetingAt > now;
      const initial = await tx.structuredConversation.create({
        data: {
          pupilId: ioana.id,
          keyTeacherId: ioana.keyTeacherId,
          kind: 'INITIAL',
          status: booked ? 'BOOKED' : 'TO_BOOK',
          dueBy: new Date(`${meetingOn}T00:00:00Z`),
          scheduledAt: booked ? meetingAt : null,
          createdAt: ago(20, '09:00'),
        },
      });
      if (booked) {
        const offeredAt = ago(4, '10:00');
        const offer = await tx.bookingOffer.create({
          data: {
            conversationId: initial.id,
            contactId: elena.id,
            status: 'ACCEPTED',
            createdById: ioana.keyTeacherId,
            createdAt: offeredAt,
            respondedAt: new Date(offeredAt.getTime() + 3 * HOUR_MS),
            slots: { create: [{ position: 1, startsAt: new Date(meetingAt.getTime() - DAY_MS), chosen: false }, { position: 2, startsAt: meetingAt, chosen: true }] },
          },
        });
        const slots = [new Date(meetingAt.getTime() - DAY_MS), meetingAt];
        await sms({ key: 'DEMO0005:offer', direction: 'OUTBOUND', at: offeredAt, contact: elena, pupilId: ioana.id, conversationId: initial.id, template: 'booking.offer', body: catalogue('booking.offer', elena.preferredLanguage, ioana.firstName, { slots }) });
        await sms({ key: 'DEMO0005:choice', direction: 'INBOUND', at: offer.respondedAt!, contact: elena, pupilId: ioana.id, conversationId: initial.id, body: '2', handled: { at: offer.respondedAt!, byId: null } });
        await sms({ key: 'DEMO0005:booked', direction: 'OUTBOUND', at: new Date(offer.respondedAt!.getTime() + 60_000), contact: elena, pupilId: ioana.id, conversationId: initial.id, template: 'booking.confirmed', body: catalogue('booking.confirmed', elena.preferredLanguage, ioana.firstName, { at: meetingAt }) });
        await sms({
          key: 'DEMO0005:reminder',
          direction: 'OUTBOUND',
          at: ago(1, '16:00'),
          contact: elena,
          pupilId: ioana.id,
          conversationId: initial.id,
          template: 'booking.reminder',
          body: catalogue('booking.reminder', elena.preferredLanguage, ioana.firstName, { at: meetingAt }),
          failed: { code: '30008', message: 'Unknown error (demo data)' },
        });
      }

      // Ellie's mother asked for a meeting about her hearing aids: an additional conversation, now overdue.
      const ellie = pupil('DEMO0006');
      await tx.structuredConversation.create({
        data: { pupilId: ellie.id, keyTeacherId: ellie.keyTeacherId, kind: 'ADDITIONAL', status: 'TO_BOOK', dueBy: new Date(`${localDate(ago(3, '12:00'), tz)}T00:00:00Z`), createdAt: ago(33, '09:00') },
      });
    },
    { timeout: 60_000 },
  );

  // The pupils' views and the progress updates go through the product's own recording, dated in the past.
  for (const v of views) {
    await recordPupilViews({ prisma, clock: pastClock(v.at), kick: () => undefined }, v.by, v.pupilId, { ...v.story, conversationId: v.conversationId });
  }
  for (const p of progress.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    await recordProgressUpdate({ prisma, clock: pastClock(p.at), kick: () => undefined }, p.by, p.pupilId, [{ targetId: p.targetId, status: p.status, note: p.note }], false);
  }
  const summary = { conversationsHeld: STORIES.length, targets: targetCount, texts, ratings };
  await recordAudit(prisma, demoActor, { schoolId, action: 'demo.history', entityType: 'School', entityId: schoolId, after: { ...summary, upTo: now.toISOString() } });
  return summary;
}
