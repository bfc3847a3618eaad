/** juesuan map: where each table, row and column was found, to check the mapping by eye. */
import { ArgsError, parseArgs } from '../args';
import { mappingText } from '../report';
import { type Command, PROFILE_OPTION, checkFiles, formatOption, profileOf, wantsJson } from './common';

const OPTIONS = { '--json': {}, '--format': formatOption(['text', 'json']), '--profile': PROFILE_OPTION };

export const mapCommand: Command = async (rest, io) => {
  const a = parseArgs(rest, OPTIONS);
  if (a.files.length === 0) throw new ArgsError('请给出要检查的工作簿文件。');
  const json = wantsJson(a);
  const profile = profileOf(a);
  const { outcomes, unreadable } = await checkFiles(a.files, { ...(profile ? { profile } : {}), json }, io);
  for (const o of outcomes) {
    if (!o.result) continue;
    io.stdout(json ? JSON.stringify({ file: o.file, mapping: o.result.mapping }, null, 2) + '\n' : mappingText(o.file, o.result));
  }
  return unreadable ? 2 : 0;
};
