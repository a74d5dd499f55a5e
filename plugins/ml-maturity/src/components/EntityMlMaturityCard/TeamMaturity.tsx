import { ReactNode, useEffect, useRef, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { KitDefinition } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { TeamAssessmentResponse } from '../../api';
import { useAttestations } from '../../hooks/useAttestations';
import { FindingsList } from '../FindingsList';
import { LevelBadge } from '../LevelBadge';
import { LoadError } from '../LoadError';
import { SnapshotStatusNotice } from '../SnapshotStatusNotice';
import { AttestationHistory } from './AttestationHistory';
import { ChallengesList } from './ChallengesList';
import { Checklist } from './Checklist';
import { DimensionProgress } from './DimensionProgress';
import { NextSteps } from './NextSteps';
import { RollupSection } from './RollupSection';
import { TeamHistorySection } from './TeamHistorySection';
import { displayedKit, joinItems, kitTitle, pendingChange } from './joinItems';

/** How often, and how many times, the card reloads while a change is pending. */
const PENDING_POLL_MS = 3_000;
const PENDING_POLLS = 20;

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  section: { marginTop: theme.spacing(2) },
}));

function Section(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <section className={classes.section} aria-label={props.title}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </section>
  );
}

/** Props of {@link TeamMaturity}. */
export interface TeamMaturityProps {
  assessment: TeamAssessmentResponse;
  kits: KitDefinition[];
  /** Reload the assessment (after an attestation changed). */
  onChanged(): void;
}

/** The body of the team card once the assessment is loaded. */
export function TeamMaturity(props: TeamMaturityProps) {
  const { assessment, kits, onChanged } = props;
  const classes = useStyles();
  const attestations = useAttestations(assessment.entityRef);
  const kitId = displayedKit(assessment);
  const title = kitTitle(kits, kitId);
  const items = joinItems(assessment, kits, kitId);
  const progress = assessment.kits.find(k => k.id === kitId);
  const findings = assessment.findings ?? [];

  // After an attest or revoke, the checklist catches up at the next refresh
  // (seconds): reload until it has, for a minute at most.
  const polls = useRef(0);
  const attestationList = attestations.value?.attestations;
  const pending =
    attestationList !== undefined &&
    items.some(
      item =>
        pendingChange(item, attestationList, assessment.lastRefresh) !==
        undefined,
    );
  // Still pending once the card has stopped reloading: the refresh takes
  // longer than usual, and the pending notes say so.
  const [waitedOut, setWaitedOut] = useState(false);
  useEffect(() => {
    if (!pending) return undefined;
    if (polls.current >= PENDING_POLLS) {
      setWaitedOut(true);
      return undefined;
    }
    const timer = setTimeout(() => {
      polls.current += 1;
      onChanged();
    }, PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, assessment, onChanged]);

  const changed = () => {
    polls.current = 0;
    setWaitedOut(false);
    attestations.retry();
    onChanged();
  };

  return (
    <div>
      <div className={classes.header}>
        <LevelBadge level={assessment.level} size="medium" />
        <Typography variant="body2">
          {assessment.kitsCompleted} of 5 kits complete.{' '}
          {assessment.currentKit
            ? `Working on the ${title}`
            : `All kits complete; the ${title} keeps improving`}
          {progress && ` (${progress.met} of ${progress.total} required items)`}
          .
        </Typography>
      </div>
      <SnapshotStatusNotice status={assessment} />

      <Section title={`${title}: progress`}>
        <DimensionProgress items={items} />
      </Section>

      <Section title="Checklist">
        {attestations.error && !attestations.loading && (
          <LoadError
            error={attestations.error}
            what="the attestations of this team"
            onRetry={attestations.retry}
          />
        )}
        <Checklist
          teamRef={assessment.entityRef}
          kitTitle={title}
          items={items}
          attestations={attestationList}
          snapshotAt={assessment.lastRefresh}
          waitedOut={waitedOut}
          canAttest={attestations.value?.canAttest ?? false}
          onChanged={changed}
        />
      </Section>

      <Section title="Next steps">
        <NextSteps items={items} team={assessment} />
      </Section>

      {findings.length > 0 && (
        <Section title={`Findings (${findings.length})`}>
          <Typography variant="body2" component="p" gutterBottom>
            Catalog values of this team and its entities that the assessment
            ignored or could not follow; each says what to fix.
          </Typography>
          <FindingsList findings={findings} label="Findings" showEntity />
        </Section>
      )}

      <Section title="ML challenges">
        <ChallengesList challenges={assessment.challenges} />
      </Section>

      <Section title="Level over time">
        <TeamHistorySection entityRef={assessment.entityRef} />
      </Section>

      {attestationList && attestationList.length > 0 && (
        <Section title="Attestation history">
          <AttestationHistory attestations={attestationList} kits={kits} />
        </Section>
      )}

      {assessment.rollup && (
        <Section title="Teams in this group">
          <RollupSection rollup={assessment.rollup} />
        </Section>
      )}
    </div>
  );
}
