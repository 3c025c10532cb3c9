-- Rows stored before permalinks were checked may hold javascript:, data: or foreign links, which the
-- extension now refuses to parse (its sync would stop on them): replace them with the platform's own link.
UPDATE items SET triage = jsonb_set(triage, '{item,permalink}', to_jsonb(
  CASE triage->'item'->>'platform' WHEN 'x' THEN 'https://x.com/i/web/status/' || (triage->'item'->>'id') ELSE 'https://www.facebook.com/' END))
WHERE NOT (triage->'item'->>'permalink') ~ (CASE triage->'item'->>'platform'
  WHEN 'x' THEN '^https://(x\.com|www\.x\.com|mobile\.x\.com|twitter\.com|www\.twitter\.com|mobile\.twitter\.com)([/?#]|$)'
  ELSE '^https://(www\.facebook\.com|facebook\.com|m\.facebook\.com|mobile\.facebook\.com|web\.facebook\.com|mbasic\.facebook\.com|touch\.facebook\.com)([/?#]|$)' END);
--> statement-breakpoint
-- Stored push results (answered again to a repeated mutation id) carry the row too.
UPDATE mutations SET result = jsonb_set(result, '{triage,item,permalink}', to_jsonb(
  CASE result->'triage'->'item'->>'platform' WHEN 'x' THEN 'https://x.com/i/web/status/' || (result->'triage'->'item'->>'id') ELSE 'https://www.facebook.com/' END))
WHERE result ? 'triage' AND NOT (result->'triage'->'item'->>'permalink') ~ (CASE result->'triage'->'item'->>'platform'
  WHEN 'x' THEN '^https://(x\.com|www\.x\.com|mobile\.x\.com|twitter\.com|www\.twitter\.com|mobile\.twitter\.com)([/?#]|$)'
  ELSE '^https://(www\.facebook\.com|facebook\.com|m\.facebook\.com|mobile\.facebook\.com|web\.facebook\.com|mbasic\.facebook\.com|touch\.facebook\.com)([/?#]|$)' END);
