import type { AuthorisationLetter } from './authorisation-letter';

/** The 委托书's paragraphs and its date line, inside the caller's letter frame. */
export function LetterText({ letter }: { letter: AuthorisationLetter }) {
  return (
    <>
      {letter.paragraphs.map((paragraph) => (
        <p key={paragraph} className="letter__paragraph">
          {paragraph}
        </p>
      ))}
      <p className="letter__date">{letter.dateLine}</p>
    </>
  );
}
