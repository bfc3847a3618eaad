import type { Profile, ProfileId, TableRole, TableTemplate } from './types';
import { HUNAN_2024 } from './hunan-2024';
import { NATIONAL_2024 } from './national-2024';

export const PROFILES: readonly Profile[] = [HUNAN_2024, NATIONAL_2024];

export function profileById(id: ProfileId): Profile {
  const p = PROFILES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown profile ${id}`);
  return p;
}

export function isProfileId(s: string): s is ProfileId {
  return PROFILES.some((p) => p.id === s);
}

export function templateByRole(p: Profile, role: TableRole): TableTemplate {
  const t = p.tables.find((x) => x.role === role);
  if (!t) throw new Error(`profile ${p.id} has no ${role} table`);
  return t;
}
