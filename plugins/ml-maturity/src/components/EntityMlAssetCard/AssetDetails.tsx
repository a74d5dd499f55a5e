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
  KitDefinition,
} from '@aiml-service-kits/plugin-ml-maturity-common';

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
}) {
  const { contribution, kits } = props;
  const names = itemNames(kits);
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
      {contribution.countsToward.length === 0 ? (
        <Typography variant="body2" gutterBottom>
          No checklist item of any team counts this asset yet. Give it an owner
          Group in <code>spec.owner</code>, or have a team's entity list it in{' '}
          <code>spec.dependsOn</code>; the team cards say which annotations each
          item looks for.
        </Typography>
      ) : (
        <Table
          size="small"
          aria-label="Checklist items this asset counts toward"
        >
          <TableHead>
            <TableRow>
              <TableCell>Team</TableCell>
              <TableCell>Item</TableCell>
              <TableCell>How</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {contribution.countsToward.map(c => {
              const name = names.get(c.itemId);
              return (
                <TableRow key={`${c.team}|${c.itemId}|${c.via}`}>
                  <TableCell>
                    <EntityRefLink entityRef={c.team} />
                  </TableCell>
                  <TableCell>
                    {name ? `${name.title} (${name.kit})` : c.itemId}
                  </TableCell>
                  <TableCell>{c.via === 'owned' ? 'owned' : 'used'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}

      <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
        Findings
      </Typography>
      {contribution.findings.length === 0 ? (
        <Typography variant="body2">
          No findings: every ML annotation on this entity is valid.
        </Typography>
      ) : (
        <ul aria-label="Findings">
          {contribution.findings.map(f => (
            <li key={`${f.entityRef}|${f.field}|${f.value}`}>
              <Typography variant="body2">
                <code>{f.field}</code> = <code>{f.value}</code>: {f.message}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                To fix: change <code>{f.field}</code> in the catalog-info.yaml
                of <EntityRefLink entityRef={f.entityRef} /> to an allowed
                value; until then the value is ignored.
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
