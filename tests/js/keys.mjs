// The share links of the boards the tests create, so tests can name a board by its id and the
// helpers bring a key along (the facilitator's unless a role is asked for).
const links = new Map();

/** Records the links of a board-creation answer (`{id, links: {role: url}}`); returns the id. */
export function remember(created) {
  const keys = {};
  for (const [role, url] of Object.entries(created.links ?? {})) keys[role] = new URL(url, 'http://x').searchParams.get('key');
  links.set(created.id, keys);
  return created.id;
}

/** Records a replaced link (`{role, url}`, the answer of a rotation) of board `id`. */
export function rememberRotated(id, rotated) {
  const keys = links.get(id) ?? {};
  keys[rotated.role] = new URL(rotated.url, 'http://x').searchParams.get('key');
  links.set(id, keys);
}

/** The key of `role` for board `id`, when the tests created it. */
export function keyOf(id, role = 'facilitator') {
  return links.get(id)?.[role] ?? null;
}

/** A board page URL (`…/b/{id}`) with `role`'s key added, unless it has one or is unknown. */
export function withKey(url, role = 'facilitator') {
  const u = new URL(url);
  const m = u.pathname.match(/^\/b\/([^/]+)$/);
  const key = m && keyOf(m[1], role);
  if (!key || u.searchParams.has('key')) return url;
  u.searchParams.set('key', key);
  return u.toString();
}
