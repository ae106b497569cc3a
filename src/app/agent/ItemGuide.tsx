import type { ReactNode } from 'react';
import type { Material, ServiceItem } from '../../domain/catalogue';
import { zhCN } from '../messages/zh-cn';
import { describeCondition } from './describe-condition';

const t = zhCN.guide;

function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="guide__block" aria-labelledby={id}>
      <h2 id={id} className="guide__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function MaterialEntry({ material, item }: { material: Material; item: ServiceItem }) {
  const tag =
    material.requirement === 'required' ? t.required : material.requirement === 'optional' ? t.optional : t.conditional;
  return (
    <li className="guide-material" data-material={material.key}>
      <p className="guide-material__name">
        <span className={`tag tag--${material.requirement}`}>{tag}</span> {material.name}
      </p>
      {material.when && <p className="guide-material__when">{t.whenNeeded(describeCondition(material.when, item))}</p>}
      <p className="guide-material__meta">
        {t.originalsCopies(material.originals, material.copies)} · {t.issuer(material.issuer)}
        {material.expectedPages > 1 && ` · ${t.expectedPages(material.expectedPages)}`}
      </p>
      {material.note && <p className="guide-material__note">{material.note}</p>}
    </li>
  );
}

/**
 * The whole 办事指南 of one item version, everything at once (一次告知): conditions, every material
 * with when it is needed, fees, limits, place, contacts, proxy rules, special procedures and FAQ.
 */
export function ItemGuide({ item }: { item: ServiceItem }) {
  const tel = (phone: string) => phone.replace(/[^\d-]/g, '');
  return (
    <article className="guide">
      <p className="guide__lead">{t.oneNotice}</p>
      {item.source.kind === 'typical' && (
        <p className="banner banner--warning" role="note">
          {t.typicalNote}
        </p>
      )}

      <Block id="guide-conditions" title={t.conditionsTitle}>
        <ul className="guide__list">
          {item.conditions.map((condition) => (
            <li key={condition}>{condition}</li>
          ))}
        </ul>
      </Block>

      <Block id="guide-materials" title={t.materialsTitle}>
        <ol className="guide-materials">
          {item.materials.map((material) => (
            <MaterialEntry key={material.key} material={material} item={item} />
          ))}
        </ol>
      </Block>

      <Block id="guide-limits" title={t.limitsTitle}>
        <p>{t.legalLimit(item.legalLimitDays)}</p>
        <p>{item.handling === 'instant' ? t.promisedLimitInstant : t.promisedLimit(item.promisedLimitDays)}</p>
        {item.specialProcedures.length > 0 && (
          <>
            <p className="guide__subtitle">{t.specialProcedures}</p>
            <ul className="guide__list">
              {item.specialProcedures.map((procedure) => (
                <li key={procedure}>{procedure}</li>
              ))}
            </ul>
          </>
        )}
      </Block>

      <Block id="guide-fees" title={t.feesTitle}>
        <p>{item.fees.charged ? item.fees.description : t.feeFree}</p>
        {item.fees.basis && <p className="guide__muted">{t.feeBasis(item.fees.basis)}</p>}
      </Block>

      <Block id="guide-proxy" title={t.proxyTitle}>
        <p>{item.proxyAllowed ? t.proxyAllowed : t.proxyNotAllowed}</p>
        {item.proxyNote && <p className="guide__muted">{item.proxyNote}</p>}
      </Block>

      <Block id="guide-procedure" title={t.procedureTitle}>
        <ol className="guide__list guide__list--numbered">
          {item.procedure.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </Block>

      <Block id="guide-place" title={t.placeTitle}>
        <dl className="guide__facts">
          <dt>{t.place}</dt>
          <dd>{item.place}</dd>
          <dt>{t.hours}</dt>
          <dd>{item.hours}</dd>
        </dl>
      </Block>

      <Block id="guide-contacts" title={t.contactsTitle}>
        <dl className="guide__facts">
          <dt>{t.consultPhone}</dt>
          <dd>
            <a href={`tel:${tel(item.consultPhone)}`}>{item.consultPhone}</a>
          </dd>
          <dt>{t.complaintPhone}</dt>
          <dd>
            <a href={`tel:${tel(item.complaintPhone)}`}>{item.complaintPhone}</a>
          </dd>
        </dl>
      </Block>

      <Block id="guide-basics" title={t.basicsTitle}>
        <dl className="guide__facts">
          <dt>{t.itemType}</dt>
          <dd>{t.itemTypes[item.itemType]}</dd>
          <dt>{t.level}</dt>
          <dd>{t.levels[item.level]}</dd>
          <dt>{t.implementingBody}</dt>
          <dd>{item.implementingBody}</dd>
          <dt>{t.resultName}</dt>
          <dd>{item.resultName}</dd>
          <dt>{t.legalBasis}</dt>
          <dd>{item.legalBasis.join('；')}</dd>
        </dl>
      </Block>

      {item.faq.length > 0 && (
        <Block id="guide-faq" title={t.faqTitle}>
          <dl className="guide__faq">
            {item.faq.map((entry) => (
              <div key={entry.q}>
                <dt>{entry.q}</dt>
                <dd>{entry.a}</dd>
              </div>
            ))}
          </dl>
        </Block>
      )}

      <p className="guide__source">
        {t.sourceNote}：{item.source.note}
      </p>
    </article>
  );
}
