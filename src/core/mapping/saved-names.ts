/**
 * The mapping saved in the workbook as defined names, so that a check needs
 * no detection and follows the tables when rows are inserted above them
 * (Excel moves a name's range with its cells; a saved A1 string would not):
 *
 *   _juesuan_map_公开03表       → '公开03表'!$A$1:$H$20
 *   _juesuan_profile_hunan_2024 → any cell (the name says the profile)
 *
 * Names a user deleted or whose sheet is gone (#REF!) are ignored, never an error.
 */
import type { RangeName } from '../grid/grid';
import { rangeA1 } from '../grid/a1';
import type { ProfileId } from '../templates/types';
import type { MappingOverrides } from './types';

export const TABLE_NAME_PREFIX = '_juesuan_map_';
const PROFILE_NAME_PREFIX = '_juesuan_profile_';
const PROFILES: readonly ProfileId[] = ['hunan-2024', 'national-2024'];

/** The defined name of a table's range. */
export const tableRangeName = (tableId: string): string => `${TABLE_NAME_PREFIX}${tableId}`;

/** The defined name that records the profile (hunan-2024 → _juesuan_profile_hunan_2024). */
export const profileName = (profile: ProfileId): string => `${PROFILE_NAME_PREFIX}${profile.replace(/-/g, '_')}`;

/** The overrides the workbook's names give, or undefined when it has none of ours. */
export function overridesFromNames(names: readonly RangeName[] | undefined): MappingOverrides | undefined {
  if (!names?.length) return undefined;
  const ranges: Record<string, { sheet: string; range: string }> = {};
  let profile: ProfileId | undefined;
  for (const n of names) {
    if (n.name.startsWith(TABLE_NAME_PREFIX)) {
      ranges[n.name.slice(TABLE_NAME_PREFIX.length)] = { sheet: n.sheet, range: rangeA1(n.range) };
    } else if (n.name.startsWith(PROFILE_NAME_PREFIX)) {
      profile = PROFILES.find((p) => profileName(p) === n.name) ?? profile;
    }
  }
  if (!profile && Object.keys(ranges).length === 0) return undefined;
  return { ...(profile ? { profile } : {}), ...(Object.keys(ranges).length ? { ranges } : {}) };
}

/**
 * What the user set by hand wins over the names; the names fill in the rest.
 * A profile the user named applies to the ranges the names give too.
 */
export function withSavedNames(names: readonly RangeName[] | undefined, overrides: MappingOverrides | undefined): MappingOverrides | undefined {
  const saved = overridesFromNames(names);
  if (!saved) return overrides;
  if (!overrides) return saved;
  const profile = overrides.profile ?? saved.profile;
  const ranges = { ...saved.ranges, ...overrides.ranges };
  return { ...(profile ? { profile } : {}), ...(Object.keys(ranges).length ? { ranges } : {}) };
}
