import { fold, tokenize, type Token } from './normalise';
import { compilePattern, type LinearPattern } from './pattern';
import type {
  ContextRule,
  DetectorRule,
  LengthRule,
  PhrasesRule,
  RegexRule,
  RequiredTagRule,
  Rule,
  RulePack,
  SafeContext,
} from './schema';
import { phoneticTrieKey, phraseWordKey } from './transliterate';

/**
 * What a phrase is for: a phrase rule's own phrases and its conditions; a context rule's reply
 * phrases (what makes a reply go into the substance, what makes it a holding reply); a pack's safe
 * contexts (for `safe`, `rule` indexes CompiledRules.safeContexts).
 */
type PhraseRole = 'main' | 'near' | 'notNear' | 'except' | 'substance' | 'holding' | 'safe';

interface PhraseEntry {
  rule: number;
  role: PhraseRole;
}

/**
 * A trie over folded words: each phrase is a path of words; a word ending in `*` is a stem that
 * matches any word starting with it. Phonetic keys of the Hindi lexicon (lib/rules/transliterate.ts)
 * are stored under "~key". Matching walks the draft's words once from each word.
 */
interface TrieNode {
  next: Map<string, TrieNode>;
  stems: { stem: string; node: TrieNode }[];
  /** The stems by their first code unit, so a word is compared only with stems it may start with. */
  stemsByFirst: Map<number, { stem: string; node: TrieNode }[]>;
  entries: PhraseEntry[];
}

export interface PhraseMatch {
  rule: number;
  role: PhraseRole;
  /** Token range [firstToken, lastToken] in the tokenised folded text. */
  firstToken: number;
  lastToken: number;
}

export interface CompiledRules {
  packs: { id: string; version: string }[];
  /** Every rule of every pack, in pack order; indices below point here. */
  rules: Rule[];
  draftTrie: TrieNode;
  commentTrie: TrieNode;
  /** Whether any pack's lexicon is also matched in Latin script (phonetic keys to compute per word). */
  phonetic: boolean;
  /**
   * Latin words of the packs not matched by sound (English): such a word in a draft is English and
   * gets no phonetic key ("Congress" is the English pack's business, not a spelling of कांग्रेस).
   */
  englishWords: Set<string>;
  phraseRules: { index: number; rule: PhrasesRule }[];
  regexRules: { index: number; rule: RegexRule; re: LinearPattern }[];
  detectorRules: { index: number; rule: DetectorRule }[];
  lengthRules: { index: number; rule: LengthRule }[];
  tagRules: { index: number; rule: RequiredTagRule }[];
  contextRules: { index: number; rule: ContextRule; patterns: LinearPattern[] }[];
  safeContexts: SafeContext[];
  /** Number of phrase words stored (a size measure). */
  trieWords: number;
}

function newNode(): TrieNode {
  return { next: new Map(), stems: [], stemsByFirst: new Map(), entries: [] };
}

function step(node: TrieNode, word: string): TrieNode {
  let child = node.next.get(word);
  if (!child) {
    child = newNode();
    node.next.set(word, child);
  }
  return child;
}

interface AddOptions {
  /** Also store the phrase under its Latin-script phonetic keys (a Hindi lexicon). */
  phonetic: boolean;
  /** Where the Latin words of packs without phonetic keys are collected. */
  englishWords: Set<string>;
}

/** Compiles packs once; the result is reused for every check. */
export function compilePacks(packs: readonly RulePack[]): CompiledRules {
  const compiled: CompiledRules = {
    packs: packs.map((p) => ({ id: p.id, version: p.version })),
    rules: [],
    draftTrie: newNode(),
    commentTrie: newNode(),
    phonetic: false,
    englishWords: new Set(),
    phraseRules: [],
    regexRules: [],
    detectorRules: [],
    lengthRules: [],
    tagRules: [],
    contextRules: [],
    safeContexts: [],
    trieWords: 0,
  };
  for (const pack of packs) {
    const options: AddOptions = { phonetic: pack.transliterate, englishWords: compiled.englishWords };
    compiled.phonetic ||= pack.transliterate;
    for (const word of pack.englishWords) compiled.englishWords.add(word);
    const add = (trie: TrieNode, phrases: readonly string[], entry: PhraseEntry) => {
      for (const p of phrases) compiled.trieWords += addPhrase(trie, p, entry, options);
    };
    for (const safe of pack.safeContexts) {
      const index = compiled.safeContexts.push(safe) - 1;
      add(compiled.draftTrie, safe.phrases, { rule: index, role: 'safe' });
    }
    for (const rule of pack.rules) {
      const index = compiled.rules.push(rule) - 1;
      switch (rule.kind) {
        case 'phrases':
          compiled.phraseRules.push({ index, rule });
          add(compiled.draftTrie, rule.phrases, { rule: index, role: 'main' });
          add(compiled.draftTrie, rule.near?.phrases ?? [], { rule: index, role: 'near' });
          add(compiled.draftTrie, rule.notNear?.phrases ?? [], { rule: index, role: 'notNear' });
          add(compiled.draftTrie, rule.except, { rule: index, role: 'except' });
          break;
        case 'regex':
          compiled.regexRules.push({ index, rule, re: compilePattern(rule.pattern, rule.flags) });
          break;
        case 'detector':
          compiled.detectorRules.push({ index, rule });
          break;
        case 'length':
          compiled.lengthRules.push({ index, rule });
          break;
        case 'required_tag':
          compiled.tagRules.push({ index, rule });
          break;
        case 'context':
          compiled.contextRules.push({ index, rule, patterns: rule.patterns.map((p) => compilePattern(p.pattern, p.flags)) });
          add(compiled.commentTrie, rule.phrases, { rule: index, role: 'main' });
          add(compiled.commentTrie, rule.except, { rule: index, role: 'except' });
          add(compiled.draftTrie, rule.reply?.substance ?? [], { rule: index, role: 'substance' });
          add(compiled.draftTrie, rule.reply?.holding ?? [], { rule: index, role: 'holding' });
          break;
      }
    }
  }
  return compiled;
}

/** The folded words of a phrase; a word written with a trailing `*` is a stem. */
export function phraseWords(phrase: string): { text: string; stem: boolean }[] {
  const words: { text: string; stem: boolean }[] = [];
  for (const raw of phrase.trim().split(/\s+/)) {
    const stem = raw.endsWith('*');
    const parts = tokenize(fold(stem ? raw.slice(0, -1) : raw));
    parts.forEach((part, i) => words.push({ text: part.text, stem: stem && i === parts.length - 1 }));
  }
  return words;
}

const LATIN_WORD = /^[a-z]+$/;
const DEVANAGARI_WORD = /^[\u0900-\u097f]+$/;
const SIBILANT_END = /(?:s|x|z|ch|sh)$/;
const ADJECTIVE_END = /(?:al|ent|ant|ous|ful|ive|ic)$/;
const CONSONANT_Y = /[^aeiou]y$/;
// Folded Devanagari endings (normalise.ts has merged ी into ि): आ-stems, इ-stems, ए-forms.
const AA = 'ा';
const I = 'ि';
const E = 'े';
const HINDI_CONSONANT_END = /[\u0915-\u0939]$/;

/**
 * The inflected forms of a phrase's last word that mean the same thing: English plurals, past and
 * -ing forms and -ly adverbs (leak → leaks, leaked, leaking; confidential → confidentially); Hindi
 * oblique and plural forms (मामला → मामले, मामलों; अदालत → अदालतों, अदालतें; अपराधी → अपराधियों).
 */
export function inflections(word: string): string[] {
  const forms = [word];
  if (LATIN_WORD.test(word) && word.length >= 4 && !word.endsWith('ing') && !word.endsWith('ed')) {
    if (CONSONANT_Y.test(word)) forms.push(`${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`);
    else if (!word.endsWith('s')) forms.push(SIBILANT_END.test(word) ? `${word}es` : `${word}s`);
    if (word.endsWith('e')) forms.push(`${word}d`, `${word.slice(0, -1)}ing`);
    else if (!CONSONANT_Y.test(word)) forms.push(`${word}ed`, `${word}ing`);
    if (ADJECTIVE_END.test(word)) forms.push(word.endsWith('ic') ? `${word}ally` : `${word}ly`);
  } else if (DEVANAGARI_WORD.test(word) && word.length >= 3) {
    if (word.endsWith(AA)) {
      const stem = word.slice(0, -1);
      forms.push(`${stem}${E}`, `${stem}ों`, `${stem}${I}`);
    } else if (word.endsWith(I)) forms.push(`${word}यों`, `${word}यां`, `${word}ये`);
    else if (word.endsWith(E)) forms.push(`${word.slice(0, -1)}${AA}`, `${word.slice(0, -1)}ों`);
    else if (HINDI_CONSONANT_END.test(word)) forms.push(`${word}ों`, `${word}ें`, `${word}े`);
  }
  return forms;
}

/** A path of trie keys for a phrase: one entry per word, each either exact keys or a stem. */
type PathWord = { keys: string[]; stem?: undefined } | { stem: string; keys?: undefined };

function insert(root: TrieNode, path: readonly PathWord[], entry: PhraseEntry): void {
  let nodes = [root];
  for (const word of path) {
    const next: TrieNode[] = [];
    for (const node of nodes) {
      if (word.stem !== undefined) {
        let branch = node.stems.find((s) => s.stem === word.stem);
        if (!branch) {
          branch = { stem: word.stem, node: newNode() };
          node.stems.push(branch);
          const first = word.stem.charCodeAt(0);
          const sameFirst = node.stemsByFirst.get(first);
          if (sameFirst) sameFirst.push(branch);
          else node.stemsByFirst.set(first, [branch]);
        }
        next.push(branch.node);
      } else {
        for (const key of word.keys) next.push(step(node, key));
      }
    }
    nodes = [...new Set(next)];
  }
  for (const node of nodes) if (!node.entries.some((e) => e.rule === entry.rule && e.role === entry.role)) node.entries.push(entry);
}

/** Adds a phrase (with its last word's inflections, and its phonetic keys for a Hindi lexicon); returns the number of words. */
function addPhrase(root: TrieNode, phrase: string, entry: PhraseEntry, options: AddOptions): number {
  const words = phraseWords(phrase);
  const path: PathWord[] = words.map((w, i) => (w.stem ? { stem: w.text } : { keys: i === words.length - 1 ? inflections(w.text) : [w.text] }));
  insert(root, path, entry);
  if (!options.phonetic) {
    for (const w of path) for (const key of w.keys ?? []) if (LATIN_WORD.test(key)) options.englishWords.add(key);
  }
  if (options.phonetic && words.every((w) => !w.stem)) {
    const keyed = path.map((w) => [...new Set((w.keys ?? []).map((k) => phraseWordKey(k)))]);
    const consonants = keyed.reduce((n, keys) => n + (keys[0]?.consonants ?? 0), 0);
    // Too short a phrase in sound (gadha, chor) would collide with English words: those keep their written spellings only.
    if (keyed.every((keys) => keys.every((k) => k !== undefined)) && consonants >= (words.length === 1 ? 3 : 4)) {
      insert(root, keyed.map((keys) => ({ keys: keys.map((k) => `~${k!.key}`) })), entry);
    }
  }
  return words.length;
}


/**
 * The words of a text as the trie looks them up: the folded word, an elongated word's single and
 * double letters (stuuupid → stupid), a Latin word's phonetic key, and the sentence each is in.
 */
export interface TokenLookups {
  tokens: readonly Token[];
  alternatives: (string[] | undefined)[];
  sentence: Int32Array;
  /**
   * The clause each word is in: sentences split again at "but", "however", लेकिन, ", par" … A
   * negation or safe context covers its own clause only ("we cannot comment, but he is guilty").
   */
  clause: Int32Array;
}

/** An elongated word (stuuupid): a letter three times in a row. */
function hasTripledLetter(word: string): boolean {
  for (let i = 2; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2)) return true;
  }
  return false;
}
/**
 * A Latin word with an English inflection (filled, checking, information, payment, quickly) is an
 * English word, not Hindi in Latin letters: it gets no phonetic key, so "forms must be filled" is
 * not read as फेल. Hinglish spellings of Hindi words do not end this way.
 */
const ENGLISH_SUFFIX = /(?:[a-z]{3}(?:ed|ing|ly)|[a-z]{2}(?:tion|ment|ness|ous|ful|less|able))$/;
/**
 * Hinglish written in a hurry drops vowels from its commonest words (h for hai, nhi for nahi, rha
 * for raha, krte for karte): each is looked up as the full spelling too, so "fraud h" is "fraud hai".
 */
const HINGLISH_SHORT = new Map<string, string>([
  ['h', 'hai'], ['hn', 'hain'], ['nhi', 'nahi'], ['nai', 'nahi'], ['ni', 'nahi'], ['nhin', 'nahi'],
  ['rha', 'raha'], ['rhe', 'rahe'], ['rhi', 'rahi'], ['kr', 'kar'], ['krte', 'karte'], ['krta', 'karta'],
  ['krti', 'karti'], ['krna', 'karna'], ['kro', 'karo'], ['kre', 'kare'], ['krke', 'karke'], ['mt', 'mat'],
  ['hm', 'hum'], ['tm', 'tum'], ['bht', 'bahut'], ['kch', 'kuch'], ['pta', 'pata'], ['sb', 'sab'],
  ['jb', 'jab'], ['tb', 'tab'], ['yh', 'yeh'], ['vo', 'wo'], ['woh', 'wo'], ['mai', 'mein'], ['mei', 'mein'],
  ['skte', 'sakte'], ['skta', 'sakta'], ['gya', 'gaya'], ['gyi', 'gayi'], ['diya', 'diya'], ['hua', 'hua'],
]);
const CONTRAST = new Set(['but', 'however', 'though', 'although', 'yet', 'lekin', 'magar', 'parantu', 'लेकिन', 'मगर', 'परंतु', 'किंतु']);
/** "par" and पर also mean "on": they start a clause only after a comma. */
const CONTRAST_AFTER_COMMA = new Set(['par', 'pr', 'पर']);

export function tokenLookups(folded: string, tokens: readonly Token[], phonetic: boolean, englishWords: ReadonlySet<string> = new Set()): TokenLookups {
  const alternatives: (string[] | undefined)[] = new Array(tokens.length);
  const sentence = new Int32Array(tokens.length);
  const clause = new Int32Array(tokens.length);
  let currentSentence = 0;
  let currentClause = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const text = token.text;
    if (i > 0) {
      let sentenceBreak = false;
      let dot = false;
      let space = false;
      let comma = false;
      for (let at = tokens[i - 1]!.end; at < token.start; at++) {
        const code = folded.charCodeAt(at);
        // ! ? newline । ॥ end a sentence: a phrase never spans them, and proximity stays within one.
        // A dot does when a space follows (not in F.I.R, 12.5 or bis.gov.in).
        if (code === 33 || code === 63 || code === 10 || code === 0x0964 || code === 0x0965) sentenceBreak = true;
        else if (code === 46) dot = true;
        else if (code === 44) comma = true;
        else if (code === 32 || code === 9 || code === 13 || code === 160) space = true;
      }
      if (dot && space) sentenceBreak = true;
      if (sentenceBreak) {
        currentSentence++;
        currentClause++;
      } else if (CONTRAST.has(text) || (comma && CONTRAST_AFTER_COMMA.has(text))) currentClause++;
    }
    sentence[i] = currentSentence;
    clause[i] = currentClause;
    const code = text.charCodeAt(0);
    if (code < 97 || code > 122) continue; // only Latin words have alternatives
    let alts: string[] | undefined;
    if (hasTripledLetter(text)) alts = [text.replace(/([a-z])\1+/g, '$1'), text.replace(/([a-z])\1+/g, '$1$1')];
    const full = HINGLISH_SHORT.get(text);
    if (full !== undefined && full !== text) (alts ??= []).push(full);
    if (phonetic && !englishWords.has(text) && !ENGLISH_SUFFIX.test(text)) {
      const key = phoneticTrieKey(full ?? text);
      if (key) (alts ??= []).push(key);
    }
    alternatives[i] = alts;
  }
  return { tokens, alternatives, sentence, clause };
}

/** Every phrase of the trie found in the text's words. */
export function matchPhrases(root: TrieNode, lookups: TokenLookups): PhraseMatch[] {
  const { tokens, alternatives, sentence } = lookups;
  const matches: PhraseMatch[] = [];
  // The walk's stack as two parallel arrays, reused: this runs for every word of every draft.
  const nodes: TrieNode[] = [];
  const nexts: number[] = [];
  for (let first = 0; first < tokens.length; first++) {
    nodes.push(root);
    nexts.push(first);
    while (nodes.length > 0) {
      const node = nodes.pop()!;
      const next = nexts.pop()!;
      if (next > first) {
        for (const entry of node.entries) matches.push({ rule: entry.rule, role: entry.role, firstToken: first, lastToken: next - 1 });
      }
      const token = tokens[next];
      if (!token) continue;
      if (next > first && sentence[next] !== sentence[next - 1]) continue;
      const text = token.text;
      const exact = node.next.get(text);
      if (exact) {
        nodes.push(exact);
        nexts.push(next + 1);
      }
      const alts = alternatives[next];
      if (alts) {
        for (const alt of alts) {
          const found = node.next.get(alt);
          if (found && found !== exact) {
            nodes.push(found);
            nexts.push(next + 1);
          }
        }
      }
      if (node.stems.length === 0) continue;
      const stems = node.stemsByFirst.get(text.charCodeAt(0));
      if (stems) {
        for (const s of stems) {
          if (text.startsWith(s.stem)) {
            nodes.push(s.node);
            nexts.push(next + 1);
          }
        }
      }
    }
  }
  return matches;
}
