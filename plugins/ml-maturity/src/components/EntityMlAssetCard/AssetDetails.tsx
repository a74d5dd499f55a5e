import { useState } from 'react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  AssetContribution,
  Finding,
  KitDefinition,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { ML_ANNOTATION_PREFIX } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { SourceFile } from '../../lib/sourceFile';
import { FindingsList } from '../FindingsList';
import { ShowAllButton } from '../ShowAllButton';
import { SideScroller } from '../SideScroller';
import { InSourceFile } from './InSourceFile';
import { isUserRef } from '../../lib/refs';
import { WHOLE_WORDS } from '../../lib/wholeWords';

/** Rows of "Counts toward" shown before "Show all" (a shared platform may count for hundreds of teams). */
const ROWS_SHOWN = 10;

/**
 * Advice beyond the finding's own message, which already says what is
 * wrong and what to do: only where to make the change, for the ML
 * annotations of this entity (a finding about, say, its owning User is
 * fixed elsewhere, as its message says).
 */
function whereToFix(finding: Finding, entityRef: string, file?: SourceFile) {
  if (
    finding.entityRef.toLowerCase() !== entityRef.toLowerCase() ||
    !finding.field.startsWith(ML_ANNOTATION_PREFIX)
  ) {
    return null;
  }
  return (
    <Typography variant="caption" component="div" color="textSecondary">
      The annotation is under <code>metadata.annotations</code> in{' '}
      <InSourceFile file={file} />.
    </Typography>
  );
}

/** Why no item counts the asset, from what the card knows of it. */
function NotCountedHint(props: { owner?: string; findings: Finding[] }) {
  const { owner, findings } = props;
  if (findings.some(f => f.field === 'spec.owner')) {
    return (
      <Typography variant="body2" gutterBottom>
        No checklist item of any team counts this asset yet: the finding about
        its owner below says why, and what to fix.
      </Typography>
    );
  }
  if (!owner) {
    return (
      <Typography variant="body2" gutterBottom>
        No checklist item of any team counts this asset yet: it has no owner.
        Give it an owner Group in <code>spec.owner</code>, or have a team's
        entity list it in <code>spec.dependsOn</code>; the team cards say which
        annotations each item looks for.
      </Typography>
    );
  }
  // A User gets no credit: the teams it is a member of do (spec §4).
  const credited = isUserRef(owner) ? (
    <>
      Its owner is a user: the teams that <EntityRefLink entityRef={owner} /> is
      a member of get credit for an item
    </>
  ) : (
    <>
      Its owner, <EntityRefLink entityRef={owner} />, gets credit for an item
    </>
  );
  return (
    <Typography variant="body2" gutterBottom>
      No checklist item of any team you can see counts this asset yet.{' '}
      {credited} only when the item&apos;s rule matches this asset&apos;s
      annotations: the team cards say which annotations each item looks for. A
      team&apos;s entity can also list it in <code>spec.dependsOn</code>.
    </Typography>
  );
}

function itemNames(kits: KitDefinition[]) {
  const names = new Map<string, { title: string; kit: string }>();
  for (const kit of kits) {
    for (const item of kit.items) {
      names.set(item.id, { title: item.title, kit: kit.title });
    }
  }
  return names;
}

/** The asset card's body: type, the items it counts toward, its findings. */
export function AssetDetails(props: {
  contribution: AssetContribution;
  kits: KitDefinition[];
  /** The full ref of the entity's `spec.owner` (default kind Group), if it has one. */
  owner?: string;
  /** The entity's file, when the catalog recorded it. */
  sourceFile?: SourceFile;
}) {
  const { contribution, kits, owner, sourceFile } = props;
  const names = itemNames(kits);
  const [allRows, setAllRows] = useState(false);
  // an answer without a list (an older or another backend) shows it empty
  const rows = contribution.countsToward ?? [];
  const findings = contribution.findings ?? [];
  const collapsible = rows.length > ROWS_SHOWN;
  const visibleRows =
    collapsible && !allRows ? rows.slice(0, ROWS_SHOWN) : rows;
  const tableId = 'ml-maturity-asset-counts-toward';
  return (
    <div>
      <Typography variant="body2" component="div" gutterBottom>
        Asset type:{' '}
        <Chip
          size="small"
          label={contribution.assetType ?? 'none'}
          aria-label={`ML asset type: ${contribution.assetType ?? 'none'}`}
        />
      </Typography>

      <Typography variant="h6" component="h3">
        Counts toward
      </Typography>
      {rows.length === 0 ? (
        <NotCountedHint owner={owner} findings={findings} />
      ) : (
        // on a phone, scrolls sideways as the roadmap's heat map does
        <SideScroller label="Counts toward, scrollable">
          <Table
            id={tableId}
            size="small"
            aria-label="Checklist items this asset counts toward"
          >
            <TableHead>
              <TableRow>
                <TableCell style={WHOLE_WORDS}>Team</TableCell>
                <TableCell style={WHOLE_WORDS}>Item</TableCell>
                <TableCell style={WHOLE_WORDS}>How</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {visibleRows.map(c => {
                const name = names.get(c.itemId);
                return (
                  <TableRow key={`${c.team}|${c.itemId}|${c.via}`}>
                    <TableCell style={WHOLE_WORDS}>
                      <EntityRefLink entityRef={c.team} />
                    </TableCell>
                    <TableCell style={WHOLE_WORDS}>
                      {name ? `${name.title} (${name.kit})` : c.itemId}
                    </TableCell>
                    <TableCell style={WHOLE_WORDS}>
                      {c.via === 'owned' ? 'owned' : 'used'}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </SideScroller>
      )}
      {collapsible && (
        <ShowAllButton
          expanded={allRows}
          controls={tableId}
          count={rows.length}
          onToggle={() => setAllRows(!allRows)}
        />
      )}

      <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
        Findings
        {findings.length > 0 && ` (${findings.length})`}
      </Typography>
      {findings.length === 0 ? (
        <Typography variant="body2">
          No findings: every ML annotation on this entity is valid.
        </Typography>
      ) : (
        <FindingsList
          findings={findings}
          label="Findings"
          advice={f => whereToFix(f, contribution.entityRef, sourceFile)}
        />
      )}
    </div>
  );
}
