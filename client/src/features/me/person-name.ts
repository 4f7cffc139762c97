import { PERSON_NAME_LIMITS } from '../../lib/contract-values';

/**
 * What is wrong with a typed name before it is sent, by the contract's limits (the server checks
 * the rest: reserved names, invisible characters, content security). null when it may be sent.
 */
export function nameProblem(typed: string): string | null {
  const name = typed.trim();
  if (name.length === 0) return '请填写你的姓名';
  if ([...name].length < PERSON_NAME_LIMITS.min) return `姓名至少 ${PERSON_NAME_LIMITS.min} 个字`;
  if ([...name].length > PERSON_NAME_LIMITS.max) return `姓名不能超过 ${PERSON_NAME_LIMITS.max} 个字`;
  return null;
}

/** The name field's maxlength: room for spaces around the name, which are trimmed. */
export const NAME_INPUT_MAX = PERSON_NAME_LIMITS.max + 4;
