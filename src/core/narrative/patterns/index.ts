import type { ProfileId } from '../../templates/types';
import type { NarrativePattern } from '../types';
import { HUNAN_2024_NARRATIVE } from './hunan-2024';
import { NATIONAL_2024_NARRATIVE } from './national-2024';

/** The narrative patterns of each profile. */
export function narrativePattern(profile: ProfileId): NarrativePattern {
  return profile === 'national-2024' ? NATIONAL_2024_NARRATIVE : HUNAN_2024_NARRATIVE;
}
