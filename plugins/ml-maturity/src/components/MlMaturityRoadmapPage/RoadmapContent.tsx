import { ReactNode, useMemo } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useLastLoaded } from '../../hooks/useLastLoaded';
import { useRoadmapData } from '../../hooks/useRoadmapData';
import { CARD_TITLE_PROPS } from '../../lib/headings';
import { EmptyHint } from '../EmptyHint';
import { RefreshedStatus, RefreshNow } from '../RefreshNow';
import { LoadError } from '../LoadError';
import { SnapshotStatusNotice } from '../SnapshotStatusNotice';
import { BlockingItems } from './BlockingItems';
import { HeatMap } from './HeatMap';
import { LevelSummary } from './LevelSummary';
import { OrgHistorySection } from './OrgHistorySection';

function Card(props: { title: string; children: ReactNode }) {
  return (
    <Grid item xs={12}>
      <InfoCard title={props.title} titleTypographyProps={CARD_TITLE_PROPS}>
        {props.children}
      </InfoCard>
    </Grid>
  );
}

/**
 * The organisation's roadmap: levels, blocking items, history and the
 * teams × kits heat map. Frame-less, for both frontend systems.
 * @internal
 */
export function RoadmapContent() {
  const { value: loaded, loading, error, retry } = useRoadmapData();
  // After a reload that failed, the page keeps what it showed, with the
  // error above it (and Refresh now keeps checking).
  const value = useLastLoaded(loaded);
  const teams = value?.teams;
  const implicitTeams = useMemo(
    () => new Set((teams ?? []).filter(t => t.implicit).map(t => t.entityRef)),
    [teams],
  );
  // a reload (Refresh now's, every few seconds) keeps what the page shows:
  // a progress bar in its place would unmount Refresh now, and its polling
  if (loading && !value) {
    return <Progress aria-label="Loading the ML maturity roadmap" />;
  }
  if (error && !value) {
    return (
      <LoadError error={error} what="the ML maturity roadmap" onRetry={retry} />
    );
  }
  const reloadError = error && (
    <Grid item xs={12}>
      <LoadError
        error={error}
        what="the latest ML maturity roadmap"
        note="The results below are the last ones loaded."
        onRetry={retry}
      />
    </Grid>
  );
  // a backend older than the roadmap's team summaries names its teams
  // only in `levels`: it has teams, the heat map just cannot list them
  const assessed =
    value !== undefined &&
    (value.teams.length > 0 ||
      Object.values(value.roadmap.levels).some(refs => refs.length > 0));
  // first in both layouts, so that it stays in the page from one to the other
  const refreshed = (
    <RefreshedStatus
      shows={assessed ? 'results' : 'refresh'}
      message="The refresh has finished: the roadmap of the assessed teams is shown."
    />
  );
  if (!value || !assessed) {
    return (
      <Grid container spacing={2}>
        {refreshed}
        {reloadError}
        {/* "after the next refresh" may be a while when refreshes fail: the
            notice says so; on a card, for its grey text's contrast */}
        <Card title="Teams per level">
          {value && <SnapshotStatusNotice status={value.status} />}
          <EmptyHint title="No teams assessed yet.">
            Teams are the catalog's Group entities. Add your teams as Groups,
            and their ML assets with a Group as <code>spec.owner</code>:
            annotate each asset's catalog-info.yaml with{' '}
            <code>ml-maturity.io/asset: dataset</code> (or notebook, ml-model,
            ml-pipeline…). They show here after the next refresh.
          </EmptyHint>
          <RefreshNow onReload={retry} />
        </Card>
      </Grid>
    );
  }
  return (
    <Grid container spacing={2}>
      {refreshed}
      {reloadError}
      {/* on the first card, not the page: its grey caption text keeps
          4.5:1 contrast only on the card's own background */}
      <Card title="Teams per level">
        <SnapshotStatusNotice status={value.status} />
        <LevelSummary levels={value.roadmap.levels} />
      </Card>
      <Card title="What holds teams back">
        <BlockingItems
          items={value.roadmap.items}
          kits={value.kits}
          implicitTeams={implicitTeams}
        />
      </Card>
      <Card title="Teams per level over time">
        <OrgHistorySection />
      </Card>
      <Card title="Teams by kit">
        {value.teams.length > 0 ? (
          <HeatMap teams={value.teams} kits={value.kits} />
        ) : (
          <Typography variant="body2" role="status">
            The ML maturity backend sent no team summaries: it is older than
            this page. The heat map shows once your Backstage administrator
            updates the ML maturity backend.
          </Typography>
        )}
      </Card>
    </Grid>
  );
}
