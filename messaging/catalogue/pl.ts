import { conjunction, fmt, plural } from './format';
import type { LanguagePack } from './types';

// One voice: the polite "Państwo" form throughout ("Prosimy odpisać", never "Odpowiedz").
// Polish names decline; "dziecko (Amir)" keeps the child's name in the nominative and the
// sentence correct, and its neuter verbs ("było", "zdobyło") read right for a son or a daughter.
const change = 'Aby zmienić termin, prosimy odpisać ZMIANA.';
/** 1 nagroda, 2-4 nagrody, 5+ nagród: the noun follows the number. */
const count = (n: number, one: string, few: string, many: string) => (plural('pl', n) === 'one' ? one : plural('pl', n) === 'few' ? few : many);
const every = (weeks: number) => (weeks === 1 ? 'co tydzień szkolny' : `co ${weeks} ${count(weeks, 'tydzień szkolny', 'tygodnie szkolne', 'tygodni szkolnych')}`);


const SURVEY = {
  listened: (c: string) => `na ile czują się Państwo wysłuchani w sprawie dziecka (${c})?`,
  informed: (c: string) => `na ile są Państwo informowani o nauce dziecka (${c})?`,
  expectations: (c: string) => `na ile, Państwa zdaniem, wierzymy w możliwości dziecka (${c})?`,
  engage: (c: string) => `na ile czują się Państwo w stanie pomagać dziecku (${c}) w nauce?`,
  trust: (c: string) => `na ile ufają Państwo, że szkoła dobrze wspiera dziecko (${c})?`,
};

export const pl: LanguagePack = {
  language: 'pl',
  locale: 'pl',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${fmt(dt, 'H:mm')}`,
    day: (dt) => fmt(dt, 'ccc d LLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')} o godzinie ${fmt(dt, 'H:mm')}`,
  },
  areaWords: {
    ENGLISH: 'czytanie i pisanie',
    MATHS: 'matematyka',
    ATTENDANCE: 'obecność w szkole',
    BEHAVIOUR: 'zachowanie w klasie',
    BULLYING: 'bezpieczeństwo w szkole',
    RELATIONSHIPS: 'przyjaźnie',
    PARTICIPATION: 'zajęcia dodatkowe',
    OTHER: 'inne cele',
  },
  subjectWords: { reading: 'czytaniu', writing: 'pisaniu', maths: 'matematyce' },
  // "czytanie i pisanie oraz matematyka": "oraz" before the last area when an area has its own "i".
  join: conjunction('i', ' oraz '),
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'ZMIANA', updates: 'AKTUALIZACJE', default: 'DOMYSLNIE', text: 'SMS' },
  keys: { hash: 'krzyżyk', star: 'gwiazdkę' },
  goodNews: {
    everyDay: (c) => `W tym półsemestrze dziecko (${c}) było w szkole każdego dnia.`,
    better: (c) => `Dziecko (${c}) częściej przychodzi do szkoły.`,
    rewards: (c, k, n) => `W tym półsemestrze dziecko (${c}) zdobyło ${k === 1 ? 'nagrodę' : `${n} ${count(k, 'nagrodę', 'nagrody', 'nagród')}`}.`,
    clubs: (c, k, n) => `Dziecko (${c}) chodzi na ${k === 1 ? 'jedno kółko' : `${n} ${count(k, 'kółko', 'kółka', 'kółek')}`} zainteresowań.`,
    learning: (c, subjects) => `Dziecko (${c}) robi dobre postępy w ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) =>
      `${p.school}: spotkanie w sprawie dziecka (${p.child}). Prosimy wybrać: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, 0 inny termin.`,
    'booking.confirmed': (p, f) => `${p.school}: dziękujemy. Spotkanie w sprawie dziecka (${p.child}) zarezerwowano na ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: spotkanie w sprawie dziecka (${p.child}) zarezerwował już drugi rodzic lub opiekun na ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: ten wybór jest już nieaktualny. Spotkanie w sprawie dziecka (${p.child}) jest na ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: ten wybór jest już nieaktualny. Nauczyciel dziecka (${p.child}) wkrótce prześle nowe terminy.`,
    'booking.invalidChoice': (p) => `${p.school}: przepraszamy, nie rozumiemy odpowiedzi. Prosimy odpisać liczbą od 1 do ${p.count} lub 0, jeśli potrzebny jest inny termin.`,
    'booking.declinedAck': (p) => `${p.school}: dziękujemy. Nauczyciel dziecka (${p.child}) prześle inne terminy.`,
    'booking.reminder': (p, f) => `${p.school}: przypominamy o spotkaniu w sprawie dziecka (${p.child}): ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: musieliśmy przesunąć spotkanie w sprawie dziecka (${p.child}). Nowy termin: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: przepraszamy, musieliśmy odwołać spotkanie w sprawie dziecka (${p.child}). Nauczyciel skontaktuje się z Państwem.`,
    'booking.changeAck': (p) => `${p.school}: dziękujemy. Przekazaliśmy to nauczycielowi dziecka (${p.child}), który prześle nowe terminy.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: dziękujemy za spotkanie w sprawie dziecka (${p.child}). Wspólnie będziemy pracować nad: ${f.areas(p.areas)}. Postępy sprawdzimy do ${f.stop(f.day(p.nextReview))} Czekamy na wiadomości.`,
            `${p.school}: dziękujemy. Wspólne cele dla dziecka (${p.child}): ${f.areas(p.areas)}. Podsumujemy je do ${f.stop(f.day(p.nextReview))}`,
          ]
        : `${p.school}: dziękujemy za spotkanie w sprawie dziecka (${p.child}). Postępy sprawdzimy do ${f.stop(f.day(p.nextReview))} Można pisać w każdej chwili.`,
    'progress.update': (p, f) =>
      (['Jak idzie w domu? Prosimy odpisać.', 'Jak idzie w domu?'] as const).map((ask) =>
        [
          `${p.school}: wieści o dziecku (${p.child}).`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `Cel osiągnięty: ${f.areas(p.achieved)}.` : '',
          p.workingOn.length > 0 ? `Pracujemy nad: ${f.areas(p.workingOn)}.` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: dziękujemy za wiadomość w sprawie dziecka (${p.child}). Co zrobiliśmy: ${p.action}`,
    'teacher.message': (p) => `${p.school}, od nauczyciela dziecka (${p.child}): ${p.text}`,
    'school.message': (p) => `${p.school}, odpowiedź na Państwa wiadomość: ${p.text}`,
    'reply.received': (p) => `${p.school}: dziękujemy. Przekazaliśmy wiadomość nauczycielowi dziecka (${p.child}).`,
    'confidence.check': (p) =>
      `${p.school}: jak bardzo są Państwo przekonani, że szkoła rozumie potrzeby dziecka (${p.child})? Prosimy odpisać od 1 (wcale) do 5 (bardzo).`,
    'confidence.thanks': (p) => `${p.school}: dziękujemy za odpowiedź.`,
    'which.child': (p, f) => `${p.school}: którego dziecka dotyczy wiadomość? Prosimy odpisać: ${f.list(p.children.map((c, i) => `${i + 1} - ${c}`))}.`,
    'which.school': (p, f) => `Której szkoły dotyczy wiadomość? Prosimy odpisać: ${f.list(p.schools.map((s, i) => `${i + 1} - ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: dziękujemy. Wiadomości o postępach dziecka będą przychodzić ${every(p.weeks)}${p.own ? '' : ' (zwykły rytm szkoły)'}.`,
    'updates.current': (p) => [
      `${p.school}: wiadomości o postępach dziecka przychodzą ${every(p.weeks)}${p.own ? '' : ' (zwykły rytm szkoły)'}. Aby to zmienić, prosimy odpisać AKTUALIZACJE i liczbę od ${p.min} do ${p.max}${p.own ? ' lub AKTUALIZACJE DOMYSLNIE, aby wrócić do rytmu szkoły' : ''}.`,
      `${p.school}: wieści o postępach dziecka ${every(p.weeks)}${p.own ? '' : ' (rytm szkoły)'}. Zmiana: AKTUALIZACJE i liczba od ${p.min} do ${p.max}${p.own ? ' lub AKTUALIZACJE DOMYSLNIE (rytm szkoły)' : ''}.`,
    ],
    'updates.invalid': (p) =>
      `${p.school}: przepraszamy, wiadomości wysyłamy co ${p.min} do ${p.max} tygodni szkolnych. Prosimy odpisać AKTUALIZACJE i liczbę od ${p.min} do ${p.max}, np. AKTUALIZACJE 2.`,
    help: (p) =>
      `${p.school} wysyła wiadomości o nauce Państwa dziecka. ${p.phone ? `Kontakt ze szkołą: ${p.phone}.` : 'Kontakt: sekretariat szkoły.'} Aby wybrać, jak często, prosimy odpisać AKTUALIZACJE; aby zrezygnować, STOP.`,
    'stop.confirmed': (p) => `${p.school}: nie będą Państwo otrzymywać od nas wiadomości. Aby je wznowić, prosimy odpisać START.`,
    'start.confirmed': (p) => `${p.school}: witamy ponownie. Znów będą Państwo otrzymywać nasze wiadomości. Aby je wyłączyć, prosimy odpisać STOP.`,
    'unknown.number': () =>
      'Dziękujemy za wiadomość. Ten numer wysyła wiadomości ze szkoły i nie rozpoznaje Państwa numeru. Prosimy o bezpośredni kontakt ze szkołą.',
    'page.link': (p) => `${p.school}: ustalenia w sprawie dziecka (${p.child}) i miejsce na Państwa uwagi: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: spotkanie w sprawie dziecka (${p.child}): ${f.when(p.at)}. O czym chcieliby Państwo porozmawiać? Prosimy napisać tutaj ${p.link} lub odpisać na tę wiadomość.`,
      `${p.school}: spotkanie w sprawie dziecka (${p.child}) ${f.when(p.at)}. O czym porozmawiać? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: wspólny plan dla dziecka (${p.child}), z tym, co można robić w domu, jest tutaj: ${p.link}`,
    'page.code': (p) => `${p.school}: Państwa kod to ${p.code}. Jest ważny przez 10 minut. Prosimy nikomu go nie podawać.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} Prosimy odpisać od 1 (wcale) do 5 (bardzo).`,
    'survey.thanks': (p) => `Dziękujemy. Państwa odpowiedzi pomagają szkole ${p.school} lepiej wspierać dziecko (${p.child}).`,
    'channel.call': (p) => `Od teraz ${p.school} będzie do Państwa dzwonić zamiast pisać. Aby wrócić do wiadomości, prosimy odpisać SMS.`,
    'channel.text': (p) => `Od teraz ${p.school} będzie do Państwa pisać.`,
    'call.intro': (p) => `Dzień dobry. Dzwonimy ze szkoły ${p.school} w sprawie dziecka: ${p.child}.`,
    'call.repeat': (p, f) => `Aby odsłuchać wiadomość ponownie, proszę nacisnąć ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `Aby zostawić wiadomość dla nauczyciela dziecka, proszę nacisnąć ${f.key(p.key)}.`,
    'call.record': () => 'Proszę mówić po sygnale. Mają Państwo dwie minuty. Na koniec proszę nacisnąć krzyżyk.',
    'call.recorded': () => 'Dziękujemy. Przekazaliśmy wiadomość nauczycielowi dziecka.',
    'call.stop': (p, f) => `Aby nie otrzymywać telefonów ani wiadomości ze szkoły, proszę nacisnąć ${f.key(p.key)}.`,
    'call.stopped': (p) => `Szkoła ${p.school} nie będzie już do Państwa dzwonić ani pisać. Do widzenia.`,
    'call.option': (p, f) => `Termin: ${f.spokenWhen(p.at)}. Proszę nacisnąć ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `Jeśli żaden z tych terminów Państwu nie odpowiada, proszę nacisnąć ${f.key(p.key)}.`,
    'call.confidence': () =>
      'Jak bardzo są Państwo przekonani, że szkoła rozumie potrzeby dziecka? Proszę nacisnąć cyfrę od 1, wcale, do 5, bardzo.',
    'call.invalidKey': () => 'Przepraszamy, tego klawisza nie ma wśród możliwości.',
    'call.goodbye': () => 'Dziękujemy. Do widzenia.',
    'call.voicemail': (p, f) =>
      p.phone
        ? `Dzień dobry, tu szkoła ${p.school}. Prosimy o telefon pod numer ${f.phone(p.phone)}.`
        : `Dzień dobry, tu szkoła ${p.school}. Prosimy o telefon do sekretariatu szkoły.`,
  },
};
