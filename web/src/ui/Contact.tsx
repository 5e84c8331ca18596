import { useState } from 'preact/hooks';
import type { Contact } from '../api';
import { codeLabel, type T } from '../i18n';
import { callCommand, useApp } from '../store';

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function attachedLabel(t: T, key: string): string {
  return codeLabel(t, 'attached', key);
}

function attachedValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function ContactPanel({ t }: { t: T }) {
  const app = useApp();
  const c: Contact | null = app.contact ?? (app.agent?.state === 'wrap_up' ? app.lastContact : null);
  if (!c) {
    return (
      <section class="card" data-testid="contact-panel" data-status="none" aria-labelledby="contact-h">
        <h2 id="contact-h">{t('contact.title')}</h2>
        <p class="muted">{t('contact.none')}</p>
      </section>
    );
  }
  const status = c.status ?? 'connected';
  const attached = Object.entries(c.attached ?? {});
  return (
    <section class="card contact" data-testid="contact-panel" data-status={status} data-call={c.call_id} aria-labelledby="contact-h">
      <h2 id="contact-h">
        {t('contact.title')}{' '}
        <span class={`badge status-${status}`} data-testid="contact-status" data-status={status}>
          {codeLabel(t, 'contact.status', status)}
        </span>
      </h2>
      <dl class="facts">
        <dt>{t('contact.caller')}</dt>
        <dd data-testid="contact-caller">
          <bdi>{c.caller}</bdi>
        </dd>
        {c.number && (
          <>
            <dt>{t('contact.number')}</dt>
            <dd><bdi>{c.number}</bdi></dd>
          </>
        )}
        {c.queue && (
          <>
            <dt>{t('contact.queue')}</dt>
            <dd data-testid="contact-queue"><bdi>{c.queue}</bdi></dd>
          </>
        )}
      </dl>
      <h3>{t('contact.attached')}</h3>
      {attached.length === 0 ? (
        <p class="muted">{t('contact.attached.none')}</p>
      ) : (
        <dl class="facts" data-testid="contact-attached">
          {attached.map(([k, v]) => (
            <>
              <dt key={`k${k}`}>{attachedLabel(t, k)}</dt>
              <dd key={`v${k}`} data-testid={`attached-${k}`}>
                <bdi>{attachedValue(v)}</bdi>
              </dd>
            </>
          ))}
        </dl>
      )}
      {c.recording_paused && status !== 'ended' && (
        <p class="badge status-held" role="status" data-testid="recording-paused">
          {t('quality.desk.paused')}
        </p>
      )}
      {status !== 'ended' && <CallControls t={t} status={status} paused={!!c.recording_paused} />}
    </section>
  );
}

function CallControls({ t, status, paused }: { t: T; status: string; paused: boolean }) {
  const [mode, setMode] = useState<'blind' | 'consult'>('blind');
  const [type, setType] = useState<'queue' | 'agent' | 'external'>('agent');
  const [target, setTarget] = useState('');
  const [keypad, setKeypad] = useState(false);
  const talking = status === 'connected' || status === 'conferenced';
  const live = talking || status === 'held' || status === 'consulting';
  return (
    <div class="controls" data-testid="call-controls" role="group" aria-label={t('controls.title')}>
      <div class="row">
        {status === 'offered' && (
          <button class="primary" data-testid="call-answer" onClick={() => callCommand('answer')}>
            {t('controls.answer')}
          </button>
        )}
        {status === 'held' ? (
          <button data-testid="call-retrieve" onClick={() => callCommand('retrieve')}>
            {t('controls.retrieve')}
          </button>
        ) : (
          <button data-testid="call-hold" disabled={!talking} onClick={() => callCommand('hold')}>
            {t('controls.hold')}
          </button>
        )}
        <button data-testid="call-keypad" aria-expanded={keypad} disabled={!talking} onClick={() => setKeypad(!keypad)}>
          {t('controls.dtmf')}
        </button>
        <button
          data-testid="call-pause-recording"
          aria-pressed={paused}
          disabled={!live}
          onClick={() => callCommand(paused ? 'resume-recording' : 'pause-recording')}
        >
          {t(paused ? 'quality.desk.resume' : 'quality.desk.pause')}
        </button>
        <button class="danger" data-testid="call-hangup" disabled={!live && status !== 'offered'} onClick={() => callCommand('hangup')}>
          {t('controls.hangup')}
        </button>
      </div>
      {keypad && talking && (
        <div class="keypad" dir="ltr" data-testid="dtmf-pad">
          {KEYPAD.map((d) => (
            <button key={d} data-testid={`dtmf-${d === '*' ? 'star' : d === '#' ? 'hash' : d}`} onClick={() => callCommand('dtmf', { digits: d })}>
              {d}
            </button>
          ))}
        </div>
      )}
      {status === 'consulting' ? (
        <div class="row">
          <button class="primary" data-testid="call-complete-transfer" onClick={() => callCommand('complete-transfer')}>
            {t('controls.complete')}
          </button>
          <button data-testid="call-conference" onClick={() => callCommand('conference')}>
            {t('controls.conference')}
          </button>
          <button data-testid="call-cancel-transfer" onClick={() => callCommand('cancel-transfer')}>
            {t('controls.cancel')}
          </button>
        </div>
      ) : (
        <form
          class="transfer"
          onSubmit={(e) => {
            e.preventDefault();
            if (target.trim()) void callCommand('transfer', { mode, to: { type, target: target.trim() } });
          }}
        >
          <fieldset disabled={!(talking || status === 'held')}>
            <legend>{t('controls.transfer')}</legend>
            <select data-testid="call-transfer-mode" aria-label={t('controls.transfer')} value={mode} onChange={(e) => setMode(e.currentTarget.value as 'blind')}>
              <option value="blind">{t('controls.blind')}</option>
              <option value="consult">{t('controls.consult')}</option>
            </select>
            <select data-testid="call-transfer-type" aria-label={t('controls.to_type')} value={type} onChange={(e) => setType(e.currentTarget.value as 'agent')}>
              <option value="agent">{t('controls.to.agent')}</option>
              <option value="queue">{t('controls.to.queue')}</option>
              <option value="external">{t('controls.to.external')}</option>
            </select>
            <input
              data-testid="call-transfer-target"
              aria-label={t('controls.target')}
              placeholder={t('controls.target')}
              dir="ltr"
              value={target}
              onInput={(e) => setTarget(e.currentTarget.value)}
            />
            <button type="submit" data-testid="call-transfer">
              {t('controls.transfer')}
            </button>
          </fieldset>
        </form>
      )}
    </div>
  );
}
