import type { DateTime } from 'luxon';
import { conjunction, fmt } from './format';
import type { LanguagePack } from './types';

// French with "vous", written to stay in GSM-7 (160 characters a segment, not 70): é, è, à and ù
// are in the GSM alphabet, ç, ê, â, î, ô and û are not, so the texts choose words without them
// ("merci de" for "s'il vous plaît", "prochainement" for "bientôt"). Verbs that would agree with
// the parent or the child ("vous êtes informée", "il est venu") are avoided.
const change = 'Pour le changer, répondez CHANGER.';
const every = (weeks: number) => (weeks === 1 ? 'chaque semaine de classe' : `toutes les ${weeks} semaines de classe`);
const scale = 'Répondez de 1 (pas du tout) à 5 (tout à fait).';
const time = (dt: DateTime) => `${dt.hour}h${fmt(dt, 'mm')}`;
/** "de Zara", "d'Amir": "de" drops its vowel before a name that starts with one. */
const de = (name: string) => (/^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? `d'${name}` : `de ${name}`);

const SURVEY = {
  listened: (c: string) => `à quel point sentez-vous que nous vous écoutons au sujet ${de(c)} ?`,
  informed: (c: string) => `à quel point recevez-vous assez d'informations sur les apprentissages ${de(c)} ?`,
  expectations: (c: string) => `à quel point sentez-vous que nous attendons le meilleur ${de(c)} ?`,
  engage: (c: string) => `à quel point vous sentez-vous capable d'aider ${c} dans ses apprentissages ?`,
  trust: (c: string) => `à quel point faites-vous confiance à l'école pour bien accompagner ${c} ?`,
};

export const fr: LanguagePack = {
  language: 'fr',
  locale: 'fr',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${time(dt)}`,
    day: (dt) => fmt(dt, 'ccc d LLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')} à ${dt.hour} heures${dt.minute ? ` ${dt.minute}` : ''}`,
  },
  areaWords: {
    ENGLISH: 'lecture et écriture',
    MATHS: 'maths',
    ATTENDANCE: "venir à l'école tous les jours",
    BEHAVIOUR: 'bonne entente en classe',
    BULLYING: "se sentir en sécurité à l'école",
    RELATIONSHIPS: 'amitiés',
    PARTICIPATION: 'participation aux clubs',
    OTHER: 'autres objectifs',
  },
  subjectWords: { reading: 'lecture', writing: 'écriture', maths: 'maths' },
  // "lecture et écriture ainsi que maths": never "lecture et écriture et maths".
  join: conjunction('et', ' ainsi que '),
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGER', updates: 'NOUVELLES', default: 'DEFAUT', text: 'SMS' },
  keys: { hash: 'la touche dièse', star: 'la touche étoile' },
  goodNews: {
    everyDay: (c) => `${c} n'a manqué aucun jour d'école depuis les dernières vacances.`,
    better: (c) => `${c} vient plus souvent à l'école.`,
    rewards: (c, k, n) => `${c} a obtenu ${k === 1 ? 'une récompense' : `${n} récompenses`} depuis les dernières vacances.`,
    clubs: (c, k, n) => `${c} participe à ${k === 1 ? 'un club' : `${n} clubs`}.`,
    learning: (c, subjects) => `${c} fait de bons progrès en ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) =>
      `${p.school} : merci de choisir une heure pour le rendez-vous au sujet ${de(p.child)}. Répondez ${f.list(p.slots.map((s, i) => `${i + 1} pour ${f.when(s)}`))}, ou 0 pour un autre moment.`,
    'booking.confirmed': (p, f) => `${p.school} : merci. Votre rendez-vous au sujet ${de(p.child)} est fixé au ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school} : le rendez-vous au sujet ${de(p.child)} a été fixé au ${f.when(p.at)} par un autre parent ou responsable. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school} : ce choix n'est plus possible. Le rendez-vous au sujet ${de(p.child)} est fixé au ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school} : ce choix n'est plus possible. L'enseignant ${de(p.child)} vous enverra de nouveaux horaires prochainement.`,
    'booking.invalidChoice': (p) => `${p.school} : désolés, nous n'avons pas compris. Merci de répondre par un nombre de 1 à ${p.count}, ou 0 pour un autre moment.`,
    'booking.declinedAck': (p) => `${p.school} : merci. L'enseignant ${de(p.child)} vous enverra d'autres horaires.`,
    'booking.reminder': (p, f) => `${p.school} : rappel de votre rendez-vous au sujet ${de(p.child)} le ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school} : nous devons déplacer votre rendez-vous au sujet ${de(p.child)}. Nouvel horaire : ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school} : désolés, nous devons annuler votre rendez-vous au sujet ${de(p.child)}. L'enseignant ${de(p.child)} vous recontactera.`,
    'booking.changeAck': (p) => `${p.school} : merci. Nous avons prévenu l'enseignant ${de(p.child)}, qui vous enverra de nouveaux horaires.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? `${p.school} : merci pour le rendez-vous au sujet ${de(p.child)}. Ensemble, nous avons choisi de travailler sur : ${f.areas(p.areas)}. Nous ferons le point d'ici le ${f.stop(f.day(p.nextReview))} Vous pouvez répondre quand vous voulez.`
        : `${p.school} : merci pour le rendez-vous au sujet ${de(p.child)}. Nous ferons le point d'ici le ${f.stop(f.day(p.nextReview))} Vous pouvez répondre quand vous voulez.`,
    'progress.update': (p, f) =>
      [
        `${p.school} : des nouvelles ${de(p.child)}.`,
        ...f.goodNews(p.goodNews ?? [], p.child),
        p.achieved.length > 0 ? `Objectif atteint : ${f.areas(p.achieved)}.` : '',
        p.workingOn.length > 0 ? `En cours : ${f.areas(p.workingOn)}.` : '',
        'Et à la maison, comment cela se passe ? Il suffit de répondre.',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school} : merci pour votre message au sujet ${de(p.child)}. Ce que nous avons fait : ${p.action}`,
    'teacher.message': (p) => `${p.school}, de la part de l'enseignant ${de(p.child)} : ${p.text}`,
    'school.message': (p) => `${p.school}, réponse à votre message : ${p.text}`,
    'reply.received': (p) => `${p.school} : merci. Nous avons transmis votre message à l'enseignant ${de(p.child)}.`,
    'confidence.check': (p) => `${p.school} : à quel point pensez-vous que l'école comprend les besoins ${de(p.child)} ? ${scale}`,
    'confidence.thanks': (p) => `${p.school} : merci pour votre réponse.`,
    'which.child': (p, f) => `${p.school} : de quel enfant s'agit-il ? Répondez ${f.list(p.children.map((c, i) => `${i + 1} pour ${c}`))}.`,
    'which.school': (p, f) => `De quelle école s'agit-il ? Répondez ${f.list(p.schools.map((s, i) => `${i + 1} pour ${s}`))}.`,
    'updates.changed': (p) => `${p.school} : merci. Vous aurez des nouvelles des progrès de votre enfant ${every(p.weeks)}${p.own ? '' : ", le rythme habituel de l'école"}.`,
    'updates.current': (p) =>
      `${p.school} : vous avez des nouvelles des progrès de votre enfant ${every(p.weeks)}${p.own ? '' : ", le rythme habituel de l'école"}. Pour changer, répondez NOUVELLES et un nombre de ${p.min} à ${p.max}${p.own ? ", ou NOUVELLES DEFAUT pour le rythme de l'école" : ''}.`,
    'updates.invalid': (p) =>
      `${p.school} : désolés, nous pouvons envoyer des nouvelles toutes les ${p.min} à ${p.max} semaines de classe. Répondez NOUVELLES et un nombre de ${p.min} à ${p.max}, par exemple NOUVELLES 2.`,
    help: (p) =>
      `${p.school} vous envoie des messages sur les apprentissages de votre enfant. ${p.phone ? `Pour parler à l'école, appelez le ${p.phone}.` : "Pour parler à l'école, contactez le secrétariat."} Répondez NOUVELLES pour choisir le rythme des nouvelles. Répondez STOP pour ne plus recevoir de messages.`,
    'stop.confirmed': (p) => `${p.school} : vous ne recevrez plus de messages de notre part. Répondez START pour les recevoir à nouveau.`,
    'start.confirmed': (p) => `${p.school} : vous recevrez à nouveau nos messages. Répondez STOP pour ne plus les recevoir.`,
    'unknown.number': () =>
      "Merci pour votre message. Ce numéro envoie les messages d'une école, et votre numéro n'y est pas enregistré. Merci de contacter directement l'école.",
    'page.link': (p) => `${p.school} : retrouvez ce qui a été décidé pour ${p.child} et donnez-nous votre avis : ${p.link}`,
    'views.invite': (p, f) =>
      `${p.school} : votre rendez-vous au sujet ${de(p.child)} est le ${f.when(p.at)}. De quoi aimeriez-vous parler ? Dites-le-nous ici ${p.link} ou répondez à ce message.`,
    'plan.ready': (p) => `${p.school} : le plan décidé ensemble pour ${p.child}, avec ce que vous pouvez faire à la maison, est ici : ${p.link}`,
    'page.code': (p) => `${p.school} : votre code est ${p.code}. Il est valable 10 minutes. Ne le donnez à personne.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}) : ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `Merci. Vos réponses aident ${p.school} à faire mieux pour ${p.child}.`,
    'channel.call': (p) => `Désormais, ${p.school} vous appellera au lieu de vous envoyer des messages. Répondez SMS pour revenir aux messages.`,
    'channel.text': (p) => `Désormais, ${p.school} vous enverra des messages.`,
    'call.intro': (p) => `Bonjour. Ceci est un message ${de(p.school)} au sujet ${de(p.child)}.`,
    'call.repeat': (p, f) => `Pour réécouter ce message, appuyez sur ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `Pour laisser un message à l'enseignant ${de(p.child)}, appuyez sur ${f.key(p.key)}.`,
    'call.record': () => 'Parlez après le bip. Vous avez deux minutes. Quand vous avez terminé, appuyez sur la touche dièse.',
    'call.recorded': (p) => `Merci. Nous avons transmis votre message à l'enseignant ${de(p.child)}.`,
    'call.stop': (p, f) => `Pour ne plus recevoir d'appels ni de messages de l'école, appuyez sur ${f.key(p.key)}.`,
    'call.stopped': (p) => `Vous ne recevrez plus d'appels ni de messages ${de(p.school)}. Au revoir.`,
    'call.option': (p, f) => `Pour le ${f.spokenWhen(p.at)}, appuyez sur ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `Si aucun de ces horaires ne vous convient, appuyez sur ${f.key(p.key)}.`,
    'call.confidence': (p) => `À quel point pensez-vous que l'école comprend les besoins ${de(p.child)} ? Appuyez sur un chiffre de 1, pas du tout, à 5, tout à fait.`,
    'call.invalidKey': () => 'Désolés, cette touche ne fait pas partie des choix.',
    'call.goodbye': () => 'Merci. Au revoir.',
    'call.voicemail': (p, f) =>
      p.phone ? `Bonjour, ici ${p.school}. Merci de nous rappeler au ${f.phone(p.phone)}.` : `Bonjour, ici ${p.school}. Merci d'appeler le secrétariat de l'école.`,
  },
};
