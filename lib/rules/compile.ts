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
} from './schema';

/** What a phrase is for within its rule. */
type PhraseRole = 'main' | 'near' | 'notNear' | 'except';

interface PhraseEntry {
  rule: number;
  role: PhraseRole;
}

/**
 * A trie over folded words: each phrase is a path of words; a word ending in `*` is a stem that
 * matches any word starting with it. Matching walks the draft's words once from each word.
 */
interface TrieNode {
  next: Map<string, TrieNode>;
  stems: { stem: string; node: TrieNode }[];
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
  phraseRules: { index: number; rule: PhrasesRule }[];
  regexRules: { index: number; rule: RegexRule; re: LinearPattern }[];
  detectorRules: { index: number; rule: DetectorRule }[];
  lengthRules: { index: number; rule: LengthRule }[];
  tagRules: { index: number; rule: RequiredTagRule }[];
  contextRules: { index: number; rule: ContextRule; patterns: LinearPattern[] }[];
  /** Number of phrase words stored (a size measure for the content-script budget). */
  trieWords: number;
}

function newNode(): TrieNode {
  return { next: new Map(), stems: [], entries: [] };
}

function step(node: TrieNode, word: string): TrieNode {
  let child = node.next.get(word);
  if (!child) {
    child = newNode();
    node.next.set(word, child);
  }
  return child;
}

/** Compiles packs once; the result is reused for every check. */
export function compilePacks(packs: readonly RulePack[]): CompiledRules {
  const compiled: CompiledRules = {
    packs: packs.map((p) => ({ id: p.id, version: p.version })),
    rules: [],
    draftTrie: newNode(),
    commentTrie: newNode(),
    phraseRules: [],
    regexRules: [],
    detectorRules: [],
    lengthRules: [],
    tagRules: [],
    contextRules: [],
    trieWords: 0,
  };
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const index = compiled.rules.push(rule) - 1;
      switch (rule.kind) {
        case 'phrases':
          compiled.phraseRules.push({ index, rule });
          for (const p of rule.phrases) compiled.trieWords += addPhrase(compiled.draftTrie, p, { rule: index, role: 'main' });
          for (const p of rule.near?.phrases ?? []) compiled.trieWords += addPhrase(compiled.draftTrie, p, { rule: index, role: 'near' });
          for (const p of rule.notNear?.phrases ?? []) compiled.trieWords += addPhrase(compiled.draftTrie, p, { rule: index, role: 'notNear' });
          for (const p of rule.except) compiled.trieWords += addPhrase(compiled.draftTrie, p, { rule: index, role: 'except' });
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
          for (const p of rule.phrases) compiled.trieWords += addPhrase(compiled.commentTrie, p, { rule: index, role: 'main' });
          for (const p of rule.except) compiled.trieWords += addPhrase(compiled.commentTrie, p, { rule: index, role: 'except' });
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

/** Adds a phrase to the trie; returns the number of words stored. */
function addPhrase(root: TrieNode, phrase: string, entry: PhraseEntry): number {
  const words = phraseWords(phrase);
  let node = root;
  for (const word of words) {
    if (!word.stem) {
      node = step(node, word.text);
      continue;
    }
    let branch = node.stems.find((s) => s.stem === word.text);
    if (!branch) {
      branch = { stem: word.text, node: newNode() };
      node.stems.push(branch);
    }
    node = branch.node;
  }
  node.entries.push(entry);
  return words.length;
}

/** Characters that end a sentence: a phrase never spans them. */
const SENTENCE_BREAK = /[.!?\u0964\u0965\n]/;

/** Every phrase of the trie found in the tokenised folded text. */
export function matchPhrases(root: TrieNode, folded: string, tokens: readonly Token[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  const stack: { node: TrieNode; next: number }[] = [];
  for (let first = 0; first < tokens.length; first++) {
    stack.push({ node: root, next: first });
    while (stack.length > 0) {
      const { node, next } = stack.pop()!;
      if (next > first) {
        for (const entry of node.entries) matches.push({ rule: entry.rule, role: entry.role, firstToken: first, lastToken: next - 1 });
      }
      const token = tokens[next];
      if (!token) continue;
      if (next > first && SENTENCE_BREAK.test(folded.slice(tokens[next - 1]!.end, token.start))) continue;
      const exact = node.next.get(token.text);
      if (exact) stack.push({ node: exact, next: next + 1 });
      for (const s of node.stems) if (token.text.startsWith(s.stem)) stack.push({ node: s.node, next: next + 1 });
    }
  }
  return matches;
}
