/**
 * Renders `{slot}` templates into text while recording the UTF-16 span of every labelled slot.
 * Slots are resolved once per scene, so `{pfull}` names the same patient throughout one item.
 */
import type { HipaaCategory } from '../types.js';

export interface LabelledSpan {
  start: number;
  end: number;
  category: HipaaCategory;
  text: string;
}

/** A plain string, or a value that is a patient's identifier and must be labelled. */
export type SlotValue = string | { text: string; category: HipaaCategory };

export class Scene {
  private readonly cache = new Map<string, SlotValue>();

  constructor(private readonly slots: Record<string, () => SlotValue>) {}

  get(name: string): SlotValue {
    let value = this.cache.get(name);
    if (value === undefined) {
      const make = this.slots[name];
      if (!make) throw new Error(`unknown template slot {${name}}`);
      value = make();
      this.cache.set(name, value);
    }
    return value;
  }

  /** The plain text of a slot, labelled or not. */
  text(name: string): string {
    const value = this.get(name);
    return typeof value === 'string' ? value : value.text;
  }
}

export interface Rendered {
  text: string;
  spans: LabelledSpan[];
}

export function render(template: string, scene: Scene): Rendered {
  let text = '';
  const spans: LabelledSpan[] = [];
  let cursor = 0;
  // `{{first_name}}` is a messaging merge field, kept literally.
  for (const m of template.matchAll(/\{\{\w+\}\}|\{(\w+)\}/g)) {
    text += template.slice(cursor, m.index);
    const value = m[1] === undefined ? m[0] : scene.get(m[1]);
    if (typeof value === 'string') {
      text += value;
    } else {
      spans.push({
        start: text.length,
        end: text.length + value.text.length,
        category: value.category,
        text: value.text,
      });
      text += value.text;
    }
    cursor = m.index + m[0].length;
  }
  text += template.slice(cursor);
  // Sentence-initial lower-case letters from slots ("{procedure} tips") read badly; fix the first letter only.
  if (/^[a-z]/.test(text) && !spans.some((s) => s.start === 0))
    text = text[0]?.toUpperCase() + text.slice(1);
  return { text, spans };
}
