import type { LanguagePack } from './types';

// Polish names decline; "dziecko (Amir)" keeps the child's name in the nominative and the sentence correct.
const change = 'Aby zmienić termin, odpowiedz ZMIANA.';
// "co tydzień", "co 2 tygodnie", "co 5 tygodni": the noun follows the number.
const every = (weeks: number) => (weeks === 1 ? 'co tydzień szkolny' : weeks <= 4 ? `co ${weeks} tygodnie szkolne` : `co ${weeks} tygodni szkolnych`);

export const pl: LanguagePack = {
  language: 'PL',
  locale: 'pl',
  areaWords: {
    ENGLISH: 'czytanie i pisanie',
    MATHS: 'matematyka',
    ATTENDANCE: 'codzienne przychodzenie do szkoły',
    BEHAVIOUR: 'dobra współpraca na lekcjach',
    BULLYING: 'poczucie bezpieczeństwa w szkole',
    RELATIONSHIPS: 'przyjaźnie',
    PARTICIPATION: 'kółka i zajęcia dodatkowe',
    OTHER: 'inne cele',
  },
  texts: {
    'booking.offer': (p, f) =>
      `${p.school}: prosimy wybrać termin spotkania z nauczycielem w sprawie dziecka (${p.child}). Odpowiedz: ${f.list(p.slots.map((s, i) => `${i + 1} - ${f.when(s)}`))}, 0 - inny termin.`,
    'booking.confirmed': (p, f) => `${p.school}: dziękujemy. Spotkanie w sprawie dziecka (${p.child}) zarezerwowano na ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) =>
      `${p.school}: spotkanie w sprawie dziecka (${p.child}) zarezerwował już drugi rodzic lub opiekun na ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) =>
      `${p.school}: ten wybór jest już nieaktualny. Spotkanie w sprawie dziecka (${p.child}) jest zarezerwowane na ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: ten wybór jest już nieaktualny. Nauczyciel wkrótce prześle nowe terminy.`,
    'booking.invalidChoice': (p) =>
      `${p.school}: przepraszamy, nie rozumiemy odpowiedzi. Prosimy odpowiedzieć liczbą od 1 do ${p.count} lub 0, jeśli potrzebny jest inny termin.`,
    'booking.declinedAck': (p) => `${p.school}: dziękujemy. Nauczyciel prześle inne terminy.`,
    'booking.reminder': (p, f) => `${p.school}: przypominamy o spotkaniu w sprawie dziecka (${p.child}): ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) =>
      `${p.school}: musieliśmy przesunąć spotkanie w sprawie dziecka (${p.child}). Nowy termin: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) =>
      `${p.school}: przepraszamy, musieliśmy odwołać spotkanie w sprawie dziecka (${p.child}). Nauczyciel skontaktuje się z Państwem.`,
    'booking.changeAck': (p) => `${p.school}: dziękujemy. Przekazaliśmy to nauczycielowi, który prześle nowe terminy.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? `${p.school}: dziękujemy za spotkanie w sprawie dziecka (${p.child}). Wspólnie ustaliliśmy, że będziemy pracować nad: ${f.areas(p.areas)}. Sprawdzimy postępy do ${f.day(p.nextReview)}. Można odpowiedzieć w każdej chwili.`
        : `${p.school}: dziękujemy za spotkanie w sprawie dziecka (${p.child}). Sprawdzimy postępy do ${f.day(p.nextReview)}. Można odpowiedzieć w każdej chwili.`,
    'progress.update': (p, f) =>
      [
        `${p.school}: wiadomości o dziecku (${p.child}).`,
        p.achieved.length > 0 ? `Cel osiągnięty: ${f.areas(p.achieved)}.` : '',
        p.workingOn.length > 0 ? `Dalej pracujemy nad: ${f.areas(p.workingOn)}.` : '',
        'Jak idzie w domu? Wystarczy odpowiedzieć.',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: dziękujemy za wiadomość w sprawie dziecka (${p.child}). Co zrobiliśmy: ${p.action}`,
    'teacher.message': (p) => `${p.school}, od nauczyciela (${p.child}): ${p.text}`,
    'school.message': (p) => `${p.school}, odpowiedź na Państwa wiadomość: ${p.text}`,
    'reply.received': (p) => `${p.school}: dziękujemy. Przekazaliśmy wiadomość nauczycielowi (${p.child}).`,
    'confidence.check': (p) =>
      `${p.school}: jak bardzo są Państwo przekonani, że szkoła rozumie potrzeby dziecka (${p.child})? Odpowiedz od 1 (wcale) do 5 (bardzo).`,
    'confidence.thanks': (p) => `${p.school}: dziękujemy za odpowiedź.`,
    'which.child': (p, f) => `${p.school}: którego dziecka dotyczy wiadomość? Odpowiedz: ${f.list(p.children.map((c, i) => `${i + 1} - ${c}`))}.`,
    'which.school': (p, f) => `Której szkoły dotyczy wiadomość? Prosimy odpisać: ${f.list(p.schools.map((s, i) => `${i + 1} - ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: dziękujemy. Wiadomości o postępach dziecka będą przychodzić ${every(p.weeks)}${p.own ? '' : ' (zwykły rytm szkoły)'}.`,
    'updates.current': (p) =>
      `${p.school}: wiadomości o postępach dziecka przychodzą ${every(p.weeks)}${p.own ? '' : ' (zwykły rytm szkoły)'}. Aby to zmienić, odpowiedz AKTUALIZACJE i liczbę od ${p.min} do ${p.max}${p.own ? ' lub AKTUALIZACJE DOMYSLNIE, aby wrócić do rytmu szkoły' : ''}.`,
    'updates.invalid': (p) =>
      `${p.school}: przepraszamy, wiadomości wysyłamy raz na ${p.min} do ${p.max} tygodni szkolnych. Odpowiedz AKTUALIZACJE i liczbę od ${p.min} do ${p.max}, np. AKTUALIZACJE 2.`,
    help: (p) =>
      `${p.school} wysyła wiadomości o nauce Państwa dziecka. ${p.phone ? `Kontakt ze szkołą: ${p.phone}.` : 'Prosimy o kontakt z sekretariatem szkoły.'} Odpowiedz AKTUALIZACJE, aby wybrać, jak często dostawać wieści o postępach. Odpowiedz STOP, aby nie otrzymywać wiadomości.`,
    'stop.confirmed': (p) => `${p.school}: nie będą Państwo otrzymywać od nas wiadomości. Odpowiedz START, aby je wznowić.`,
    'start.confirmed': (p) => `${p.school}: witamy ponownie. Znów będą Państwo otrzymywać nasze wiadomości. Odpowiedz STOP, aby je wyłączyć.`,
    'unknown.number': () =>
      'Dziękujemy za wiadomość. Ten numer wysyła wiadomości ze szkoły i nie rozpoznaje Państwa numeru. Prosimy o bezpośredni kontakt ze szkołą.',
  },
};
