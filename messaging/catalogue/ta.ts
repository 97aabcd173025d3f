import { fmt, localTime, timeOfDay } from './format';
import type { LanguagePack } from './types';

// Tamil with the respectful நீங்கள் forms. Dates use the short names Tamil papers print ("செவ். 6
// அக்."), as Tamil words cost many characters in an SMS. Keywords stay in Latin letters; the Tamil
// words are understood too (sms/keywords.ts). Good news is said of a noun (வருகை) or with the
// respectful -ஆர் ending, never with a verb ending that gives the child a gender.
const change = 'மாற்ற CHANGE என்று அனுப்பவும்.';
const every = (weeks: number) => (weeks === 1 ? 'ஒவ்வொரு பள்ளி வாரமும்' : `${weeks} பள்ளி வாரங்களுக்கு ஒருமுறை`);
const scale = '1 (இல்லவே இல்லை) முதல் 5 (மிகவும்) வரை பதில் அனுப்பவும்.';

const SURVEY = {
  listened: (c: string) => `${c} பற்றி நாங்கள் உங்கள் பேச்சை எவ்வளவு கேட்கிறோம் என்று நினைக்கிறீர்கள்?`,
  informed: (c: string) => `${c}-இன் கல்வி பற்றி உங்களுக்கு எவ்வளவு தெரிவிக்கிறோம்?`,
  expectations: (c: string) => `${c}-இடம் நாங்கள் சிறந்ததை எதிர்பார்க்கிறோம் என்று எவ்வளவு உணர்கிறீர்கள்?`,
  engage: (c: string) => `${c}-இன் கல்விக்கு உதவ உங்களால் முடியும் என்று எவ்வளவு உணர்கிறீர்கள்?`,
  trust: (c: string) => `${c}-ஐ நாங்கள் நன்றாக ஆதரிக்கிறோம் என்று எவ்வளவு நம்புகிறீர்கள்?`,
};

export const ta: LanguagePack = {
  language: 'ta',
  locale: 'ta',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${localTime(dt)}`,
    day: (dt) => fmt(dt, 'ccc d LLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}, ${timeOfDay(dt)}`,
  },
  areaWords: {
    ENGLISH: 'வாசிப்பும் எழுத்தும்',
    MATHS: 'கணிதம்',
    ATTENDANCE: 'தினசரி வருகை',
    BEHAVIOUR: 'நல்ல நடத்தை',
    BULLYING: 'பள்ளியில் பாதுகாப்பு',
    RELATIONSHIPS: 'நட்பு',
    PARTICIPATION: 'கழகங்கள்',
    OTHER: 'பிற இலக்குகள்',
  },
  subjectWords: { reading: 'வாசிப்பு', writing: 'எழுத்து', maths: 'கணிதம்' },
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'ஹேஷ் பொத்தானை', star: 'நட்சத்திரப் பொத்தானை' },
  goodNews: {
    everyDay: (c) => `இந்த அரைப் பருவத்தில் ${c}-இன் வருகை ஒவ்வொரு நாளும் இருந்தது.`,
    better: (c) => `${c}-இன் பள்ளி வருகை மேம்பட்டு வருகிறது.`,
    rewards: (c, count, n) => (count === 1 ? `இந்த அரைப் பருவத்தில் ${c}-க்கு ஒரு பரிசு கிடைத்தது.` : `இந்த அரைப் பருவத்தில் ${c}-க்கு ${n} பரிசுகள் கிடைத்தன.`),
    clubs: (c, count, n) => (count === 1 ? `${c} ஒரு கழகத்தில் பங்கேற்கிறார்.` : `${c} ${n} கழகங்களில் பங்கேற்கிறார்.`),
    learning: (c, subjects) => `${c}-இன் முன்னேற்றம் நன்றாக உள்ளது: ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: ${p.child} பற்றிய சந்திப்பு நேரம்: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, 0 வேறு நேரம்.`,
    'booking.confirmed': (p, f) => `${p.school}: நன்றி. ${p.child} பற்றிய உங்கள் சந்திப்பு ${f.when(p.at)} அன்று உறுதியானது. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: ${p.child} பற்றிய சந்திப்பை மற்றொரு பெற்றோர் ${f.when(p.at)} அன்று பதிவு செய்துள்ளார். ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: அந்தத் தேர்வு இப்போது இல்லை. ${p.child} பற்றிய சந்திப்பு ${f.when(p.at)} அன்று. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: அந்தத் தேர்வு இப்போது இல்லை. ${p.child}-இன் ஆசிரியர் விரைவில் புதிய நேரங்களை அனுப்புவார்.`,
    'booking.invalidChoice': (p) => `${p.school}: மன்னிக்கவும், புரியவில்லை. 1 முதல் ${p.count} வரை ஒரு எண்ணை அனுப்பவும், அல்லது வேறு நேரத்திற்கு 0.`,
    'booking.declinedAck': (p) => `${p.school}: நன்றி. ${p.child}-இன் ஆசிரியர் உங்களுக்கு வேறு நேரங்களை அனுப்புவார்.`,
    'booking.reminder': (p, f) => `${p.school}: நினைவூட்டல்: ${p.child} பற்றிய உங்கள் சந்திப்பு ${f.when(p.at)} அன்று. ${change}`,
    'booking.moved': (p, f) => `${p.school}: ${p.child} பற்றிய சந்திப்பின் நேரத்தை மாற்ற வேண்டியிருந்தது. புதிய நேரம்: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: மன்னிக்கவும், ${p.child} பற்றிய சந்திப்பை ரத்து செய்ய வேண்டியிருந்தது. ${p.child}-இன் ஆசிரியர் உங்களைத் தொடர்புகொள்வார்.`,
    'booking.changeAck': (p) => `${p.school}: நன்றி. ${p.child}-இன் ஆசிரியரிடம் தெரிவித்தோம், அவர் புதிய நேரங்களை அனுப்புவார்.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: ${p.child} பற்றிச் சந்தித்ததற்கு நன்றி. இவற்றில் சேர்ந்து பணியாற்றுவோம்: ${f.areas(p.areas)}. ${f.day(p.nextReview)} வாக்கில் முன்னேற்றத்தைப் பார்ப்போம். எப்போதும் பதில் அனுப்பலாம்.`,
            `${p.school}: சந்திப்புக்கு நன்றி. ${p.child}-இன் இலக்குகள்: ${f.areas(p.areas)}. ${f.day(p.nextReview)} வாக்கில் பார்ப்போம்.`,
          ]
        : `${p.school}: ${p.child} பற்றிச் சந்தித்ததற்கு நன்றி. ${f.day(p.nextReview)} வாக்கில் முன்னேற்றத்தைப் பார்ப்போம். எப்போதும் பதில் அனுப்பலாம்.`,
    'progress.update': (p, f) =>
      ([['இலக்கு எட்டப்பட்டது', 'தொடர்ந்து பணியாற்றுகிறோம்', 'வீட்டில் எப்படி? பதில் அனுப்புங்கள்.'], ['எட்டியது', 'தொடர்கிறது', 'வீட்டில் எப்படி?']] as const).map(([reached, working, ask]) =>
        [
          `${p.school}: ${p.child} பற்றிய செய்தி.`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `${reached}: ${f.areas(p.achieved)}.` : '',
          p.workingOn.length > 0 ? `${working}: ${f.areas(p.workingOn)}.` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: ${p.child} பற்றிய உங்கள் செய்திக்கு நன்றி. நாங்கள் செய்தது: ${p.action}`,
    'teacher.message': (p) => `${p.school}, ${p.child}-இன் ஆசிரியரிடமிருந்து: ${p.text}`,
    'school.message': (p) => `${p.school}, உங்கள் செய்திக்கான பதில்: ${p.text}`,
    'reply.received': (p) => `${p.school}: நன்றி. உங்கள் செய்தியை ${p.child}-இன் ஆசிரியரிடம் சேர்த்துவிட்டோம்.`,
    'confidence.check': (p) => `${p.school}: ${p.child}-இன் தேவைகளைப் பள்ளி புரிந்துகொள்கிறது என்று எவ்வளவு நம்புகிறீர்கள்? ${scale}`,
    'confidence.thanks': (p) => `${p.school}: உங்கள் பதிலுக்கு நன்றி.`,
    'which.child': (p, f) => `${p.school}: இந்தச் செய்தி எந்தக் குழந்தையைப் பற்றியது? பதில் அனுப்பவும்: ${f.list(p.children.map((c, i) => `${i + 1} ${c}`))}.`,
    'which.school': (p, f) => `இந்தச் செய்தி எந்தப் பள்ளியைப் பற்றியது? பதில் அனுப்பவும்: ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: நன்றி. உங்கள் குழந்தையின் முன்னேற்றச் செய்தி ${every(p.weeks)} வரும்${p.own ? '' : ' (பள்ளியின் வழக்கம்)'}.`,
    'updates.current': (p) => [
      `${p.school}: உங்கள் குழந்தையின் முன்னேற்றச் செய்தி ${every(p.weeks)} வருகிறது${p.own ? '' : ' (பள்ளியின் வழக்கம்)'}. மாற்ற UPDATES மற்றும் ${p.min} முதல் ${p.max} வரை ஒரு எண்ணை அனுப்பவும்${p.own ? ', அல்லது பள்ளியின் வழக்கத்திற்கு UPDATES DEFAULT' : ''}.`,
      `${p.school}: முன்னேற்றச் செய்தி ${every(p.weeks)} வருகிறது${p.own ? '' : ' (பள்ளியின் வழக்கம்)'}. மாற்ற UPDATES மற்றும் ${p.min}-${p.max} எண்${p.own ? '; பள்ளியின் வழக்கத்திற்கு UPDATES DEFAULT' : ''}.`,
    ],
    'updates.invalid': (p) =>
      `${p.school}: மன்னிக்கவும், ${p.min} முதல் ${p.max} பள்ளி வாரங்களுக்கு ஒருமுறை செய்தி அனுப்ப முடியும். UPDATES மற்றும் ${p.min} முதல் ${p.max} வரை ஒரு எண்ணை அனுப்பவும், எடுத்துக்காட்டு UPDATES 2.`,
    help: (p) =>
      `${p.school} உங்கள் குழந்தையின் கல்வி பற்றிச் செய்திகள் அனுப்புகிறது. ${p.phone ? `பள்ளி எண்: ${p.phone}.` : 'தொடர்பு: பள்ளி அலுவலகம்.'} எத்தனை முறை என்று தேர்வு செய்ய UPDATES அனுப்பவும். நிறுத்த STOP அனுப்பவும்.`,
    'stop.confirmed': (p) => `${p.school}: இனி எங்களிடமிருந்து செய்திகள் வராது. மீண்டும் பெற START அனுப்பவும்.`,
    'start.confirmed': (p) => `${p.school}: மீண்டும் வரவேற்கிறோம். எங்கள் செய்திகள் மீண்டும் வரும். நிறுத்த STOP அனுப்பவும்.`,
    'unknown.number': () => 'உங்கள் செய்திக்கு நன்றி. இந்த எண் ஒரு பள்ளியின் செய்திகளை அனுப்புகிறது, உங்கள் எண்ணை அறியாது. தயவுசெய்து பள்ளியை நேரடியாகத் தொடர்புகொள்ளவும்.',
    'page.link': (p) => `${p.school}: ${p.child}-க்காக ஒப்புக்கொண்டதைப் பார்த்து உங்கள் கருத்தை அனுப்புங்கள்: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: ${p.child} பற்றிய சந்திப்பு ${f.when(p.at)} அன்று. எதைப் பற்றிப் பேச விரும்புகிறீர்கள்? இங்கே சொல்லுங்கள் ${p.link} அல்லது பதில் அனுப்புங்கள்.`,
      `${p.school}: ${p.child} பற்றிய சந்திப்பு ${f.when(p.at)} அன்று. எதைப் பற்றிப் பேசலாம்? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: ${p.child}-க்கான திட்டமும் வீட்டில் நீங்கள் செய்யக்கூடியவையும் இங்கே: ${p.link}`,
    'page.code': (p) => `${p.school}: உங்கள் குறியீடு ${p.code}. இது 10 நிமிடங்களுக்குச் செல்லும். யாரிடமும் பகிர வேண்டாம்.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `நன்றி. உங்கள் பதில்கள் ${p.child}-க்காக இன்னும் சிறப்பாகச் செயல்பட ${p.school}-க்கு உதவுகின்றன.`,
    'channel.call': (p) => `இனி ${p.school} செய்திகளுக்குப் பதிலாக உங்களை அழைக்கும். மீண்டும் செய்திகள் பெற TEXT அனுப்பவும்.`,
    'channel.text': (p) => `இனி ${p.school} உங்களுக்குச் செய்திகள் அனுப்பும்.`,
    'call.intro': (p) => `வணக்கம். இது ${p.school} இலிருந்து ${p.child} பற்றிய செய்தி.`,
    'call.repeat': (p, f) => `இந்தச் செய்தியை மீண்டும் கேட்க ${f.key(p.key)} அழுத்தவும்.`,
    'call.leaveMessage': (p, f) => `${p.child}-இன் ஆசிரியருக்குச் செய்தி விட ${f.key(p.key)} அழுத்தவும்.`,
    'call.record': () => 'ஒலிக்குப் பிறகு பேசவும். உங்களுக்கு இரண்டு நிமிடங்கள் உள்ளன. முடித்ததும் ஹேஷ் பொத்தானை அழுத்தவும்.',
    'call.recorded': (p) => `நன்றி. உங்கள் செய்தியை ${p.child}-இன் ஆசிரியரிடம் சேர்த்துவிட்டோம்.`,
    'call.stop': (p, f) => `பள்ளியின் அழைப்புகளையும் செய்திகளையும் நிறுத்த ${f.key(p.key)} அழுத்தவும்.`,
    'call.stopped': (p) => `இனி ${p.school} இலிருந்து அழைப்புகளோ செய்திகளோ வராது. வணக்கம்.`,
    'call.option': (p, f) => `${f.spokenWhen(p.at)} நேரத்திற்கு ${f.key(p.key)} அழுத்தவும்.`,
    'call.otherTime': (p, f) => `இந்த நேரங்களில் எதுவும் பொருந்தவில்லை என்றால் ${f.key(p.key)} அழுத்தவும்.`,
    'call.confidence': (p) =>
      `${p.child}-இன் தேவைகளைப் பள்ளி புரிந்துகொள்கிறது என்று எவ்வளவு நம்புகிறீர்கள்? 1 முதல் 5 வரை ஒரு எண்ணை அழுத்தவும்: 1 என்றால் இல்லவே இல்லை, 5 என்றால் மிகவும்.`,
    'call.invalidKey': () => 'மன்னிக்கவும், அந்தப் பொத்தான் தேர்வுகளில் இல்லை.',
    'call.goodbye': () => 'நன்றி. வணக்கம்.',
    'call.voicemail': (p, f) =>
      p.phone ? `வணக்கம், இது ${p.school}. தயவுசெய்து ${f.phone(p.phone)} எண்ணில் எங்களைத் திரும்ப அழைக்கவும்.` : `வணக்கம், இது ${p.school}. தயவுசெய்து பள்ளி அலுவலகத்தை அழைக்கவும்.`,
  },
};
