/**
 * The opened workbook drawn as HTML tables, one sheet at a time, with the
 * check's marks on the cells (the same colours as in Excel) and the reasons
 * as the cell's tooltip. Drag to select a range (for 用所选区域).
 */
import { Menu, MenuButton, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { cellA1, columnLetters } from '../core/grid/a1';
import type { SheetGrid } from '../core/grid/grid';
import { HIGHLIGHT } from '../hosts/highlight-style';
import { isPdfWorkbook, pageOf } from '../hosts/pdf/workbook';
import { type WorkbookView, markKey } from './workbook-view';

const useStyles = makeStyles({
  // `clip`, not `hidden`: a focused tab or a cell brought into view must never scroll what holds the sheet area.
  root: { display: 'flex', flexDirection: 'column', minWidth: 0, height: '100%', overflow: 'clip' },
  bar: { display: 'flex', alignItems: 'center', gap: '4px', minWidth: 0 },
  picker: { flexShrink: 0, whiteSpace: 'nowrap' },
  // The tab strip is the only thing that scrolls sideways, on its own.
  strip: { flexGrow: 1, minWidth: 0, overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'thin' },
  tabs: { flexWrap: 'nowrap', width: 'max-content' },
  scroller: { overflow: 'auto', flexGrow: 1, minHeight: 0, border: `1px solid ${tokens.colorNeutralStroke2}` },
  table: { borderCollapse: 'collapse', fontSize: '12px', fontFamily: tokens.fontFamilyBase, userSelect: 'none' },
  head: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, textAlign: 'center', position: 'sticky', top: 0, zIndex: 1 },
  rowHead: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, textAlign: 'right', position: 'sticky', left: 0 },
  cell: { border: `1px solid ${tokens.colorNeutralStroke3}`, padding: '2px 6px', whiteSpace: 'nowrap', maxWidth: '260px', overflow: 'hidden', textOverflow: 'ellipsis' },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  focus: { outline: `3px solid ${tokens.colorPaletteRedBorder2}`, outlineOffset: '-3px' },
});

/** Which cells a merged area hides (all but its top-left). */
function coveredCells(sheet: SheetGrid): Map<string, { rowSpan: number; colSpan: number } | 'hidden'> {
  const out = new Map<string, { rowSpan: number; colSpan: number } | 'hidden'>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) out.set(markKey(r, c), 'hidden');
    out.set(markKey(m.top, m.left), { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
  }
  return out;
}

/**
 * Scrolls `box` (and nothing else) so that `el` is in it: scrollIntoView would scroll every ancestor,
 * the page included, and push the assistant off the screen.
 */
function scrollWithin(box: HTMLElement, el: HTMLElement, how: 'nearest' | 'center'): void {
  const b = box.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const dx = r.left - b.left;
  const dy = r.top - b.top;
  if (how === 'center') {
    box.scrollLeft += dx - (b.width - r.width) / 2;
    box.scrollTop += dy - (b.height - r.height) / 2;
    return;
  }
  if (dx < 0) box.scrollLeft += dx;
  else if (r.right > b.right) box.scrollLeft += r.right - b.right;
  if (dy < 0) box.scrollTop += dy;
  else if (r.bottom > b.bottom) box.scrollTop += r.bottom - b.bottom;
}

export function SheetViewer({ view, label, pickerLabel }: { view: WorkbookView; label: string; pickerLabel: string }) {
  const styles = useStyles();
  const state = useSyncExternalStore(
    (cb) => view.subscribe(cb),
    () => view.current,
  );
  const grid = state.grid;
  const sheetName = state.activeSheet ?? grid?.sheets[0]?.name;
  const sheet = grid?.sheets.find((s) => s.name === sheetName);
  const merges = useMemo(() => (sheet ? coveredCells(sheet) : new Map()), [sheet]);
  const [anchor, setAnchor] = useState<{ row: number; col: number } | undefined>();
  const scroller = useRef<HTMLDivElement>(null);

  const strip = useRef<HTMLDivElement>(null);

  // Bring the cells of a clicked finding into view: the sheet area scrolls, nothing around it.
  useEffect(() => {
    const ref = state.focus?.refs.find((r) => r.sheet === sheetName);
    const box = scroller.current;
    if (!ref || !box) return;
    const el = box.querySelector<HTMLElement>(`[data-a1="${cellA1(ref.row, ref.col)}"]`);
    if (el) scrollWithin(box, el, 'center');
  }, [state.focus, sheetName]);

  // The active sheet's tab is on screen in its strip, however many sheets there are.
  useEffect(() => {
    const box = strip.current;
    const el = box?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (box && el) scrollWithin(box, el, 'nearest');
  }, [sheetName]);

  if (!grid || !sheet) return null;
  const marks = state.marks.get(sheet.name);
  const sel = state.selection?.sheet === sheet.name ? state.selection : undefined;
  const focused = new Set((state.focus?.refs ?? []).filter((r) => r.sheet === sheet.name).map((r) => markKey(r.row, r.col)));
  const rows = Math.min(sheet.rowCount, 2000);
  const cols = Math.min(sheet.colCount, 200);
  const selectTo = (row: number, col: number) => {
    const a = anchor ?? { row, col };
    view.update({
      selection: { sheet: sheet.name, top: Math.min(a.row, row), left: Math.min(a.col, col), bottom: Math.max(a.row, row), right: Math.max(a.col, col) },
    });
  };

  const marked = (name: string) => (state.marks.get(name)?.size ? ` (${state.marks.get(name)!.size})` : '');
  const show = (name: string) => view.update({ activeSheet: name });

  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Menu checkedValues={{ sheet: [sheet.name] }} onCheckedValueChange={(_, d) => d.checkedItems[0] && show(d.checkedItems[0])}>
          <MenuTrigger disableButtonEnhancement>
            <MenuButton size="small" data-testid="sheet-picker" className={styles.picker}>
              {pickerLabel}
            </MenuButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              {grid.sheets.map((s) => (
                <MenuItemRadio key={s.name} name="sheet" value={s.name}>
                  {s.name}
                  {marked(s.name)}
                </MenuItemRadio>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
        <div className={styles.strip} ref={strip}>
          <TabList
            size="small"
            className={styles.tabs}
            selectedValue={sheet.name}
            onTabSelect={(_, d) => show(String(d.value))}
            aria-label={label}
            onFocus={(e) => {
              // A tab reached with the arrow keys comes into view within the strip.
              if (strip.current && e.target instanceof HTMLElement) scrollWithin(strip.current, e.target, 'nearest');
            }}
          >
            {grid.sheets.map((s) => (
              <Tab key={s.name} value={s.name}>
                {s.name}
                {marked(s.name)}
              </Tab>
            ))}
          </TabList>
        </div>
      </div>
      <div className={styles.scroller} ref={scroller} onMouseUp={() => setAnchor(undefined)}>
        <table className={styles.table} data-sheet={sheet.name}>
          <thead>
            <tr>
              <th className={`${styles.cell} ${styles.head}`} />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} className={`${styles.cell} ${styles.head}`}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th className={`${styles.cell} ${styles.rowHead}`} title={isPdfWorkbook(grid) ? `第 ${pageOf(grid, sheet.name, r) ?? '?'} 页` : undefined}>
                  {r + 1}
                </th>
                {Array.from({ length: cols }, (_, c) => {
                  const k = markKey(r, c);
                  const span = merges.get(k);
                  if (span === 'hidden') return null;
                  const cell = sheet.cell(r, c);
                  const text = cell ? (cell.text || (cell.value === null ? '' : String(cell.value))) : '';
                  const mark = marks?.get(k);
                  const inSel = sel && r >= sel.top && r <= sel.bottom && c >= sel.left && c <= sel.right;
                  const style = mark ? { backgroundColor: `#${HIGHLIGHT[mark.severity].fill}`, color: `#${HIGHLIGHT[mark.severity].font}` } : undefined;
                  const numeric = typeof cell?.value === 'number';
                  return (
                    <td
                      key={c}
                      data-a1={cellA1(r, c)}
                      data-severity={mark?.severity}
                      rowSpan={span?.rowSpan}
                      colSpan={span?.colSpan}
                      title={mark ? mark.reasons.join('\n') : text.length > 30 ? text : undefined}
                      className={`${styles.cell} ${inSel ? styles.selected : ''} ${focused.has(k) ? styles.focus : ''}`}
                      style={{ ...style, textAlign: numeric ? 'right' : undefined }}
                      onMouseDown={() => {
                        setAnchor({ row: r, col: c });
                        view.update({ selection: { sheet: sheet.name, top: r, left: c, bottom: r, right: c } });
                      }}
                      onMouseEnter={(e) => {
                        if (anchor && e.buttons === 1) selectTo(r, c);
                      }}
                    >
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
