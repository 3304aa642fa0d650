/**
 * Finds and registers a font that can draw Chinese text for the offline ad renderer
 * (seed 000 需求 6.1, task 9.1). Lookup order: the configured path (CREATIVE_FONT_PATH, passed in
 * by the caller), well-known CJK font files under the system font folders, then `fc-match
 * :lang=zh`. Without any CJK font the renderer still works with the default sans family; the
 * result's `cjk` flag tells the caller to warn. This module never logs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** The font the renderer draws with. */
export interface CreativeFont {
  /** the family name to use in a canvas `font` string (an alias, or `sans-serif`). */
  family: string;
  /** the registered font file, or null when falling back to the default family. */
  path: string | null;
  /** whether the family is known to cover CJK (Chinese) glyphs. */
  cjk: boolean;
}

/** Where to look for a CJK font. */
export interface FontOptions {
  /** an explicit font file (the CREATIVE_FONT_PATH setting); assumed to cover CJK. */
  fontPath?: string;
  /** folders searched recursively for known CJK font files (default: the system font folders). */
  searchDirs?: readonly string[];
  /** whether to ask fontconfig (`fc-match`) when no known file is found (default true). */
  useFontconfig?: boolean;
}

/** The family used when no CJK font can be registered. */
export const FALLBACK_FAMILY = 'sans-serif';

const SYSTEM_FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', '/Library/Fonts'];

/** Known CJK font file names, best first. */
const KNOWN_CJK_FILES = [
  /wqy-?microhei/i,
  /wqy-?zenhei/i,
  /NotoSansCJK/i,
  /NotoSans-?SC|Noto ?Sans ?SC/i,
  /DroidSansFallback/i,
  /SourceHanSans/i,
  /PingFang|STHeiti|Hiragino Sans GB/i,
];
const FONT_FILE = /\.(ttf|ttc|otf|otc)$/i;

const cache = new Map<string, CreativeFont>();
let aliasCount = 0;

/**
 * Returns the creative font, registering it with @napi-rs/canvas the first time a given set of
 * options is resolved (later calls return the cached result).
 * @param options lookup options; an unreadable `fontPath` falls through to the system search
 * @returns the family to draw with, its file and whether it covers CJK; never throws
 */
export function resolveCreativeFont(options: FontOptions = {}): CreativeFont {
  const key = JSON.stringify([options.fontPath, options.searchDirs, options.useFontconfig]);
  const cached = cache.get(key);
  if (cached) return cached;
  const candidates = [
    ...(options.fontPath ? [options.fontPath] : []),
    ...findKnownCjkFiles(options.searchDirs ?? SYSTEM_FONT_DIRS),
    ...(options.useFontconfig === false ? [] : fontconfigCjkFile()),
  ];
  let font: CreativeFont = { family: FALLBACK_FAMILY, path: null, cjk: false };
  for (const path of candidates) {
    const family = `AdCreativeCJK${++aliasCount}`;
    if (existsSync(path) && GlobalFonts.registerFromPath(path, family)) {
      font = { family, path, cjk: true };
      break;
    }
  }
  cache.set(key, font);
  return font;
}

/**
 * Builds a canvas `font` shorthand for the creative font, with `sans-serif` as the fallback.
 * @param font the resolved font
 * @param sizePx the font size in pixels
 * @param weight a CSS font weight (default bold)
 */
export function cssFont(font: CreativeFont, sizePx: number, weight: 'normal' | 'bold' = 'bold'): string {
  const family = font.family === FALLBACK_FAMILY ? FALLBACK_FAMILY : `"${font.family}", ${FALLBACK_FAMILY}`;
  return `${weight} ${Math.round(sizePx)}px ${family}`;
}

/** Font files under `dirs` whose names match a known CJK font, in preference order. */
function findKnownCjkFiles(dirs: readonly string[]): string[] {
  const files = dirs.flatMap((dir) => listFontFiles(dir));
  return KNOWN_CJK_FILES.flatMap((pattern) => files.filter((f) => pattern.test(f)).sort());
}

function listFontFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => FONT_FILE.test(name))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** The file fontconfig picks for Chinese, if it exists and really declares `zh` coverage. */
function fontconfigCjkFile(): string[] {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}\n%{lang}', ':lang=zh'], {
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [file = '', langs = ''] = out.split('\n');
    return file && langs.split('|').some((l) => l.startsWith('zh')) ? [file] : [];
  } catch {
    return [];
  }
}
