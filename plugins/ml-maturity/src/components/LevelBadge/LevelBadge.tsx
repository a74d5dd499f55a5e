import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { levelCode, levelNameOf } from '../../lib/levels';

const useStyles = makeStyles(theme => ({
  badge: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  level1: { backgroundColor: theme.palette.grey[300], color: '#000' },
  level2: { backgroundColor: '#bbdefb', color: '#000' },
  level3: { backgroundColor: '#90caf9', color: '#000' },
  // white text needs at least 4.5:1: #1565c0 gives 5.8:1 (#1e88e5 gave 3.0:1)
  level4: { backgroundColor: '#1565c0', color: '#fff' },
  level5: { backgroundColor: '#0d47a1', color: '#fff' },
}));

/** Props of {@link LevelBadge}. @internal */
export interface LevelBadgeProps {
  level: number;
  size?: 'small' | 'medium';
  /** What the level is of, for screen readers; defaults to "Maturity level". */
  subject?: string;
}

/**
 * The level as text (`L-III Systematic`); the colour only repeats it.
 * Screen readers get it in words (`Maturity level 3 of 5: Systematic`): the
 * chip is a named image, since a label on an element without a role is
 * not read out.
 * @internal
 */
export function LevelBadge(props: LevelBadgeProps) {
  const { level, size = 'small', subject = 'Maturity level' } = props;
  const classes = useStyles();
  const tone = classes[`level${Math.min(5, Math.max(1, level))}` as 'level1'];
  return (
    <Chip
      size={size}
      className={`${classes.badge} ${tone}`}
      label={`${levelCode(level)} ${levelNameOf(level)}`}
      role="img"
      aria-label={`${subject} ${level} of 5: ${levelNameOf(level)}`}
    />
  );
}
