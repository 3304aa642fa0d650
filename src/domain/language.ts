/** Language detection for messages (seed 000 需求 14.3: reply in the user's language). */
import type { Language } from './chat/intent.js';

/** 'zh' when the text contains Han characters, else 'en'. */
export function detectLanguage(text: string): Language {
  return /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en';
}
