import type {
  ActionArray,
  CardElementArray,
  IAdaptiveCard,
  IChoice,
  IChoiceSetInput,
  IContainer,
  IExecuteAction,
  IFactSet,
  IOpenUrlAction,
  IRefreshDefinition,
  IRichTextBlock,
  ITextBlock,
  ITextInput,
} from '@microsoft/teams.cards';
import { dayWords, timeWords } from '../domain/dateWords';

/**
 * Typed builders for Adaptive Cards, schema 1.5 (what Teams renders today). The element types come
 * from Microsoft's own definitions (`@microsoft/teams.cards`, generated from the card schema), so a
 * misspelt property or a wrong enum value fails the type check; the tests also run every card
 * through the reference parser (`adaptivecards`) and render it.
 */
export type AdaptiveCard = IAdaptiveCard & { version: '1.5' };
export type CardBody = CardElementArray;
export type CardActions = ActionArray;
export type CardElement = CardElementArray[number];

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export function adaptiveCard(body: CardBody, actions?: CardActions, extra: { refresh?: IRefreshDefinition; fallbackText?: string } = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    ...(extra.refresh ? { refresh: extra.refresh } : {}),
    ...(extra.fallbackText ? { fallbackText: extra.fallbackText } : {}),
    // Full width in Teams: the record form is long.
    msteams: { width: 'full' },
  };
}

export function heading(text: string, subtitle?: string): CardElement[] {
  const h: ITextBlock = { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
  return subtitle ? [h, { type: 'TextBlock', text: subtitle, isSubtle: true, wrap: true, spacing: 'None' }] : [h];
}

export function sectionTitle(text: string): ITextBlock {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true, spacing: 'Large', separator: true };
}

export function paragraph(text: string, o: { subtle?: boolean; color?: ITextBlock['color']; spacing?: ITextBlock['spacing'] } = {}): ITextBlock {
  return { type: 'TextBlock', text, wrap: true, ...(o.subtle ? { isSubtle: true } : {}), ...(o.color ? { color: o.color } : {}), ...(o.spacing ? { spacing: o.spacing } : {}) };
}

export function facts(pairs: [string, string | null | undefined][]): IFactSet {
  return { type: 'FactSet', facts: pairs.filter(([, v]) => v).map(([title, value]) => ({ title, value: value! })) };
}

/** Validation messages shown next to an input (Teams shows `errorMessage` only for client-side checks). */
export function fieldError(message: string | undefined): ITextBlock[] {
  return message ? [{ type: 'TextBlock', text: message, color: 'Attention', wrap: true, spacing: 'None', size: 'Small' }] : [];
}

export function textInput(id: string, label: string, value: string | null | undefined, o: { multiline?: boolean; placeholder?: string; maxLength?: number; required?: boolean } = {}): ITextInput {
  return {
    type: 'Input.Text',
    id,
    label,
    ...(value ? { value } : {}),
    ...(o.multiline ? { isMultiline: true } : {}),
    ...(o.placeholder ? { placeholder: o.placeholder } : {}),
    ...(o.maxLength ? { maxLength: o.maxLength } : {}),
    ...(o.required ? { isRequired: true, errorMessage: `${label} is needed` } : {}),
  };
}

export function choiceInput(id: string, label: string, choices: IChoice[], value: string | null | undefined, o: { multi?: boolean; expanded?: boolean; placeholder?: string } = {}): IChoiceSetInput {
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    choices,
    ...(value ? { value } : {}),
    ...(o.multi ? { isMultiSelect: true } : {}),
    style: o.expanded ? 'expanded' : 'compact',
    ...(o.placeholder ? { placeholder: o.placeholder } : {}),
  };
}

export function choicesOf<T extends string>(words: Record<T, string>, only?: readonly T[]): IChoice[] {
  return (only ?? (Object.keys(words) as T[])).map((k) => ({ title: words[k], value: k }));
}

/** A Universal Action (Action.Execute): the bot answers the invoke with the next card. */
export function execute(title: string, verb: string, data: Record<string, unknown>, o: { style?: IExecuteAction['style']; inputs?: 'auto' | 'none' } = {}): IExecuteAction {
  return { type: 'Action.Execute', title, verb, data, ...(o.style ? { style: o.style } : {}), ...(o.inputs ? { associatedInputs: o.inputs } : {}) };
}

export function openUrl(title: string, url: string): IOpenUrlAction {
  return { type: 'Action.OpenUrl', title, url };
}

export function container(items: CardBody, o: { style?: IContainer['style']; separator?: boolean; spacing?: IContainer['spacing']; rtl?: boolean } = {}): IContainer {
  return { type: 'Container', items, ...(o.style ? { style: o.style } : {}), ...(o.separator ? { separator: true } : {}), ...(o.spacing ? { spacing: o.spacing } : {}), ...(o.rtl ? { rtl: true } : {}) };
}

/** Hebrew, Arabic (Urdu), Syriac, Thaana and N'Ko letters, and their presentation forms. */
const RTL_LETTER = /[\u0590-\u07FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_LETTER = /\p{L}/u;

/**
 * Text exactly as written: a TextRun is never read as markdown, so words from outside the school
 * (a parent's text, an unknown number's) cannot show staff a disguised link like `[Reset](https://…)`.
 */
export function verbatim(text: string): IRichTextBlock {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text }] };
}

/**
 * A parent's own words, verbatim, laid out right to left when they are written in a right-to-left
 * script (the first letter decides, like dir="auto"), so Urdu punctuation and numbers sit where they belong.
 */
export function parentsWords(text: string): CardElement {
  const first = STRONG_LETTER.exec(text)?.[0];
  return first && RTL_LETTER.test(first) ? container([verbatim(text)], { rtl: true }) : verbatim(text);
}

/** A notice at the top of a card: what went wrong, or what just happened. */
export function banner(text: string, tone: 'attention' | 'good' | 'warning'): IContainer {
  const color = tone === 'attention' ? 'Attention' : tone === 'good' ? 'Good' : 'Warning';
  return container([{ type: 'TextBlock', text, wrap: true, weight: 'Bolder', color }], { style: tone });
}

/** "Mon 7 Sept 2026" for cards (card dates are calendar dates, not instants). */
export function dayLabel(d: Date | string): string {
  return dayWords(d, { year: true });
}

export function isoDay(d: Date | null | undefined): string | undefined {
  return d ? d.toISOString().slice(0, 10) : undefined;
}

/** The pupil's record in the dashboard (the Teams tab), where every card's "Open the record" leads. */
export const recordUrl = (publicBaseUrl: string, pupilId: string): string => `${publicBaseUrl}/dashboard/#/pupils/${pupilId}`;

/** "Mon 14 Sept, 15:30" in the school's time zone. */
export function whenLabel(d: Date, timezone: string): string {
  return timeWords(d, timezone);
}
