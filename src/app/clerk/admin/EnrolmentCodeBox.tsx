import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminUser, EnrolmentCode } from '../../../domain/admin';
import { issueEnrolmentCode } from '../../../device/sync-admin';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';
import { timeLeft } from './countdown';

const t = zhCN.admin.enrolment;

type Issued = { code: EnrolmentCode; qr: string };

/**
 * 登记手机: a fresh one-time code for the agent, as a QR code holding the /enrol#code=… address and as
 * text, with a countdown to its expiry (10 minutes) and 重新生成 after it.
 */
export function EnrolmentCodeBox({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const started = useRef(false);

  const issue = useCallback(() => {
    setIssued(null);
    setFailure(null);
    void (async () => {
      try {
        const code = await issueEnrolmentCode(user.id);
        const qr = await QRCode.toDataURL(code.url, { margin: 2, width: 240, errorCorrectionLevel: 'M' });
        setNow(new Date());
        setIssued({ code, qr });
      } catch (error) {
        setFailure(describeError(error));
      }
    })();
  }, [user.id]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    issue();
  }, [issue]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(new Date());
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, []);

  const left = issued ? timeLeft(issued.code.expiresAt, now) : null;
  return (
    <section className="card admin-enrol" aria-labelledby={`enrol-${user.id}`}>
      <h2 id={`enrol-${user.id}`} className="card__title">
        {t.title(user.name)}
      </h2>
      {failure && (
        <p className="form__error" role="alert">
          {failure}
        </p>
      )}
      {!issued && !failure && <p aria-busy="true">{t.issuing}</p>}
      {issued && left && (
        <>
          <p>{t.howTo}</p>
          <img className="admin-enrol__qr" src={issued.qr} alt={t.qrAlt} data-url={issued.code.url} />
          <p>
            {t.code}：
            <span className="admin-enrol__code" data-testid="enrol-code">
              {issued.code.code}
            </span>
          </p>
          <p role="timer" aria-live="off">
            {t.expiresIn(left.minutes, left.seconds)}
          </p>
        </>
      )}
      {issued && !left && <p role="alert">{t.expired}</p>}
      <div className="admin__row-actions">
        {(failure || (issued && !left)) && (
          <button type="button" className="button button--primary button--small" onClick={issue}>
            {t.again}
          </button>
        )}
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t.close}
        </button>
      </div>
    </section>
  );
}
