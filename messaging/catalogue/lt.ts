import type { DateTime } from 'luxon';
import { conjunction, fmt, plural } from './format';
import type { LanguagePack } from './types';

// Lithuanian with the polite Jūs. Names decline, so the child's name stands in the nominative, as
// a subject or in "vaiko (Amir)", and the sentence stays correct. CLDR's short Lithuanian date
// ("an 10-06") reads badly, so dates are written as Lithuanian papers write them: "antr., spalio 6 d.".
const change = 'Norėdami pakeisti, atsakykite KEISTI.';
const every = (weeks: number) => (weeks === 1 ? 'kas mokyklos savaitę' : `kas ${weeks} mokyklos savaites`);
const scale = 'Atsakykite nuo 1 (visai ne) iki 5 (labai).';
// The standard abbreviations (Valstybinė lietuvių kalbos komisija) of the weekdays and the months' genitives.
const WEEKDAY = ['pirm.', 'antr.', 'treč.', 'ketv.', 'penkt.', 'šešt.', 'sekm.'];
const MONTH = ['saus.', 'vas.', 'kov.', 'bal.', 'geg.', 'birž.', 'liep.', 'rugpj.', 'rugs.', 'spal.', 'lapkr.', 'gruod.'];
const day = (dt: DateTime) => `${WEEKDAY[dt.weekday - 1]} ${MONTH[dt.month - 1]} ${dt.day} d.`;
/** Weekdays end in -dienis; "on Tuesday" is the accusative -dienį. */
const onWeekday = (dt: DateTime) => fmt(dt, 'cccc').replace(/is$/, 'į');
/** 1 apdovanojimą, 2-9 apdovanojimus, 10+ apdovanojimų. */
const counted = (n: number, one: string, few: string, other: string) => `${n} ${plural('lt', n) === 'one' ? one : plural('lt', n) === 'few' ? few : other}`;

const SURVEY = {
  listened: (c: string) => `kiek jaučiatės išklausyti, kai kalbame apie vaiką (${c})?`,
  informed: (c: string) => `kiek gerai Jus informuojame apie vaiko (${c}) mokymąsi?`,
  expectations: (c: string) => `kiek jaučiate, kad tikimės iš vaiko (${c}) geriausio?`,
  engage: (c: string) => `kiek jaučiatės galintys padėti vaikui (${c}) mokytis?`,
  trust: (c: string) => `kiek pasitikite, kad gerai palaikome vaiką (${c})?`,
};

export const lt: LanguagePack = {
  language: 'lt',
  locale: 'lt',
  dates: {
    // A slot, as in a timetable: "antr. gruod. 8, 8:15".
    when: (dt) => `${WEEKDAY[dt.weekday - 1]} ${MONTH[dt.month - 1]} ${dt.day}, ${fmt(dt, 'H:mm')}`,
    day,
    spoken: (dt) => `${onWeekday(dt)}, ${fmt(dt, 'MMMM d')} dieną, ${fmt(dt, 'H:mm')}`,
  },
  areaWords: {
    ENGLISH: 'skaitymas ir rašymas',
    MATHS: 'matematika',
    ATTENDANCE: 'lankomumas',
    BEHAVIOUR: 'elgesys klasėje',
    BULLYING: 'saugumas mokykloje',
    RELATIONSHIPS: 'draugystės',
    PARTICIPATION: 'būrelių lankymas',
    OTHER: 'kiti tikslai',
  },
  subjectWords: { reading: 'skaitymas', writing: 'rašymas', maths: 'matematika' },
  // "skaitymas ir rašymas bei matematika": never "ir ... ir".
  join: conjunction('ir', ' bei '),
  // A slot has its own comma ("antr. spal. 6, 15:30"), so slots are set apart with semicolons.
  separator: '; ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'KEISTI', updates: 'NAUJIENOS', default: 'IPRASTAI', text: 'SMS' },
  keys: { hash: 'grotelių klavišą', star: 'žvaigždutės klavišą' },
  goodNews: {
    everyDay: (c) => `Nuo paskutinių atostogų ${c} mokykloje buvo kiekvieną dieną.`,
    better: (c) => `${c} dažniau ateina į mokyklą.`,
    rewards: (c, n) => `Nuo paskutinių atostogų ${c} gavo ${counted(n, 'apdovanojimą', 'apdovanojimus', 'apdovanojimų')}.`,
    clubs: (c, n) => `${c} lanko ${counted(n, 'būrelį', 'būrelius', 'būrelių')}.`,
    learning: (c, subjects) => `${c} daro gerą pažangą: ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: susitikimas dėl vaiko (${p.child}): ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}; 0 kitas laikas.`,
    'booking.confirmed': (p, f) => `${p.school}: ačiū. Susitikimas dėl vaiko (${p.child}): ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: susitikimą dėl vaiko (${p.child}) jau užregistravo kitas iš tėvų ar globėjas: ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: šis pasirinkimas nebegalioja. Susitikimas dėl vaiko (${p.child}): ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: šis pasirinkimas nebegalioja. Mokytojas netrukus atsiųs naujų laikų.`,
    'booking.invalidChoice': (p) => `${p.school}: atsiprašome, nesupratome. Atsakykite skaičiumi nuo 1 iki ${p.count} arba 0, jei reikia kito laiko.`,
    'booking.declinedAck': (p) => `${p.school}: ačiū. Mokytojas atsiųs kitų laikų.`,
    'booking.reminder': (p, f) => `${p.school}: primename apie susitikimą dėl vaiko (${p.child}): ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: turėjome perkelti susitikimą dėl vaiko (${p.child}). Naujas laikas: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: atsiprašome, turėjome atšaukti susitikimą dėl vaiko (${p.child}). Mokytojas su Jumis susisieks.`,
    'booking.changeAck': (p) => `${p.school}: ačiū. Pranešėme mokytojui, kuris atsiųs naujų laikų.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: ačiū už susitikimą dėl vaiko (${p.child}). Kartu dirbsime šiose srityse: ${f.areas(p.areas)}. Kaip sekasi, pažiūrėsime iki ${f.stop(f.day(p.nextReview))} Galite atsakyti bet kada.`,
            `${p.school}: ačiū už susitikimą. Vaiko (${p.child}) tikslai: ${f.areas(p.areas)}. Aptarsime iki ${f.stop(f.day(p.nextReview))}`,
          ]
        : `${p.school}: ačiū už susitikimą dėl vaiko (${p.child}). Kaip sekasi, pažiūrėsime iki ${f.stop(f.day(p.nextReview))} Galite atsakyti bet kada.`,
    'progress.update': (p, f) =>
      (['Kaip sekasi namuose? Tiesiog atsakykite.', 'Kaip sekasi namuose?'] as const).map((ask) =>
        [
          `${p.school}: naujienos apie vaiką (${p.child}).`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `Tikslas pasiektas: ${f.areas(p.achieved)}.` : '',
          p.workingOn.length > 0 ? `Toliau dirbame: ${f.areas(p.workingOn)}.` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: ačiū už žinutę dėl vaiko (${p.child}). Ką padarėme: ${p.action}`,
    'teacher.message': (p) => `${p.school}, žinutė nuo vaiko (${p.child}) mokytojo: ${p.text}`,
    'school.message': (p) => `${p.school}, atsakymas į Jūsų žinutę: ${p.text}`,
    'reply.received': (p) => `${p.school}: ačiū. Jūsų žinutę perdavėme vaiko (${p.child}) mokytojui.`,
    'confidence.check': (p) => `${p.school}: kiek esate tikri, kad mokykla supranta vaiko (${p.child}) poreikius? ${scale}`,
    'confidence.thanks': (p) => `${p.school}: ačiū už atsakymą.`,
    'which.child': (p, f) => `${p.school}: kurio vaiko tai žinutė? Atsakykite: ${f.list(p.children.map((c, i) => `${i + 1} - ${c}`))}.`,
    'which.school': (p, f) => `Kurios mokyklos tai žinutė? Atsakykite: ${f.list(p.schools.map((s, i) => `${i + 1} - ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: ačiū. Naujienas apie vaiko pažangą gausite ${every(p.weeks)}${p.own ? '' : ' (įprastas mokyklos ritmas)'}.`,
    'updates.current': (p) => [
      `${p.school}: naujienas apie vaiko pažangą gaunate ${every(p.weeks)}${p.own ? '' : ' (įprastas mokyklos ritmas)'}. Norėdami pakeisti, atsakykite NAUJIENOS ir skaičių nuo ${p.min} iki ${p.max}${p.own ? ' arba NAUJIENOS IPRASTAI, kad grįžtumėte prie mokyklos ritmo' : ''}.`,
      `${p.school}: naujienas gaunate ${every(p.weeks)}${p.own ? '' : ' (mokyklos ritmas)'}. Pakeisti: NAUJIENOS ir skaičius nuo ${p.min} iki ${p.max}${p.own ? ' arba NAUJIENOS IPRASTAI (mokyklos ritmas)' : ''}.`,
    ],
    'updates.invalid': (p) =>
      `${p.school}: atsiprašome, naujienas galime siųsti kas ${p.min}-${p.max} mokyklos savaites. Atsakykite NAUJIENOS ir skaičių nuo ${p.min} iki ${p.max}, pvz., NAUJIENOS 2.`,
    help: (p) =>
      `${p.school} siunčia Jums žinutes apie vaiko mokymąsi. ${p.phone ? `Mokyklos telefonas: ${p.phone}.` : 'Kreipkitės į mokyklos raštinę.'} Kaip dažnai gauti naujienas, pasirinksite atsakę NAUJIENOS; nebegauti žinučių: STOP.`,
    'stop.confirmed': (p) => `${p.school}: daugiau negausite mūsų žinučių. Atsakykite START, kad vėl jas gautumėte.`,
    'start.confirmed': (p) => `${p.school}: vėl gausite mūsų žinutes. Atsakykite STOP, kad jų nebegautumėte.`,
    'unknown.number': () => 'Ačiū už žinutę. Šis numeris siunčia mokyklos žinutes ir nepažįsta Jūsų numerio. Prašome tiesiogiai susisiekti su mokykla.',
    'page.link': (p) => `${p.school}: mūsų susitarimai dėl vaiko (${p.child}) ir vieta Jūsų nuomonei: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: susitikimas dėl vaiko (${p.child}): ${f.when(p.at)}. Apie ką norėtumėte pasikalbėti? Parašykite čia ${p.link} arba atsakykite į šią žinutę.`,
      `${p.school}: susitikimas dėl vaiko (${p.child}): ${f.when(p.at)}. Apie ką pasikalbėsime? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: bendras vaiko (${p.child}) planas ir tai, ką galite daryti namuose, yra čia: ${p.link}`,
    'page.code': (p) => `${p.school}: Jūsų kodas yra ${p.code}. Jis galioja 10 minučių. Niekam jo nesakykite.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `Ačiū. Jūsų atsakymai padeda mokyklai ${p.school} geriau rūpintis vaiku (${p.child}).`,
    'channel.call': (p) => `Nuo šiol ${p.school} Jums skambins vietoj žinučių. Atsakykite SMS, kad vėl gautumėte žinutes.`,
    'channel.text': (p) => `Nuo šiol ${p.school} Jums siųs žinutes.`,
    'call.intro': (p) => `Laba diena. Tai žinutė iš ${p.school} dėl vaiko, ${p.child}.`,
    'call.repeat': (p, f) => `Norėdami išklausyti žinutę dar kartą, spauskite ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `Norėdami palikti žinutę vaiko mokytojui, spauskite ${f.key(p.key)}.`,
    'call.record': () => 'Kalbėkite po signalo. Turite dvi minutes. Baigę spauskite grotelių klavišą.',
    'call.recorded': () => 'Ačiū. Jūsų žinutę perdavėme vaiko mokytojui.',
    'call.stop': (p, f) => `Norėdami nebegauti mokyklos skambučių ir žinučių, spauskite ${f.key(p.key)}.`,
    'call.stopped': (p) => `Daugiau negausite skambučių ar žinučių iš ${p.school}. Viso gero.`,
    'call.option': (p, f) => `Jei tinka ${f.spokenWhen(p.at)}, spauskite ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `Jei nė vienas iš šių laikų Jums netinka, spauskite ${f.key(p.key)}.`,
    'call.confidence': () => 'Kiek esate tikri, kad mokykla supranta vaiko poreikius? Spauskite skaičių nuo 1, visai ne, iki 5, labai.',
    'call.invalidKey': () => 'Atsiprašome, šio klavišo nėra tarp pasirinkimų.',
    'call.goodbye': () => 'Ačiū. Viso gero.',
    'call.voicemail': (p, f) =>
      p.phone ? `Laba diena, skambina ${p.school}. Prašome mums perskambinti numeriu ${f.phone(p.phone)}.` : `Laba diena, skambina ${p.school}. Prašome paskambinti į mokyklos raštinę.`,
  },
};
