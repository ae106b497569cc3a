/**
 * The 代办服务委托书 (DB14/T 2233-2020's authorisation form) generated from the case: who authorises
 * whom to do what, and when. The ID number appears masked (6+4) — the full number is in the case
 * itself, and the letter is shown on a screen others may see. No letter exists until the applicant
 * has a name and a valid ID number: a resident must never sign a letter naming nobody.
 */
import type { SessionUser } from '../../../domain/auth';
import { checkResidentId, maskResidentId, normaliseResidentId, todayInChina } from '../../../domain/resident-id';
import type { ApplicantDraft } from '../../../device/case-repository';
import { formatDate } from '../../format-date';
import { zhCN } from '../../messages/zh-cn';

export type LetterInput = {
  applicant: ApplicantDraft;
  agent: Pick<SessionUser, 'name' | 'village'>;
  itemName: string;
  /** The signing date: today while unsigned, the signature's date once signed. */
  date: Date;
};

export type AuthorisationLetter = { title: string; paragraphs: string[]; dateLine: string; signerName: string };

/** The letter for this case, or null while the applicant's name or a valid ID number is missing. */
export function authorisationLetter({ applicant, agent, itemName, date }: LetterInput): AuthorisationLetter | null {
  const name = applicant.name?.trim() ?? '';
  const id = normaliseResidentId(applicant.idNumber ?? '');
  if (name === '' || !checkResidentId(id, todayInChina(date)).ok) return null;
  return {
    title: zhCN.letter.title,
    paragraphs: zhCN.letter.body({
      applicantName: name,
      maskedId: maskResidentId(id),
      agentName: agent.name,
      villageName: agent.village?.name ?? '',
      itemName,
    }),
    dateLine: zhCN.letter.dateLine(formatDate(date.toISOString())),
    signerName: name,
  };
}
