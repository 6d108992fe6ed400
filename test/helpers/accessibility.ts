import fs from 'node:fs'
import path from 'node:path'

import axe from 'axe-core'
import type { Page } from 'playwright-core'

import { SCREENSHOT_DIR } from './browser'

export type Violation = {
  id: string
  impact: string | null
  help: string
  targets: string[]
  /** The first offending element and axe's explanation, for the report. */
  example?: string
}

/**
 * Problems that come from Payload's own admin markup, not from anything this project
 * configures or renders. Each is listed in the README; the test fails on anything else that is
 * serious or critical, so a label or component of ours that breaks accessibility is caught.
 */
export const PAYLOAD_OWN_VIOLATIONS: { id: string; target: RegExp; why: string }[] = [
  {
    id: 'label',
    // A date field's input is named by its formatted value, e.g. input[value="21 November 2026, 14:26"].
    // Row-selection checkboxes in lists carry React's generated ids, e.g. #_R_t96l9q_.
    target:
      /#react-select-.*-input$|react-datepicker|^input\[value="(?:[A-Z][a-z]{2} \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})|^#_[Rr]_[A-Za-z0-9]+_$/,
    why: 'Select and date fields (react-select, react-datepicker) and list row checkboxes have no label of their own.',
  },
  {
    id: 'label-title-only',
    target: /#react-select-.*-input$|^#select-all$/,
    why: 'Select fields and the list’s “select all” box are labelled by title only.',
  },
  {
    id: 'aria-hidden-focus',
    target: /(clear|dropdown)-indicator/,
    why: 'Select fields: the clear and arrow buttons are focusable yet marked aria-hidden.',
  },
  {
    id: 'nested-interactive',
    target: /rs__multi-value/,
    why: 'Multi-select fields: each chosen value is a draggable button containing a remove button.',
  },
  {
    id: 'aria-input-field-name',
    target: /ContentEditable__root/,
    why: 'The Lexical rich-text editor gives its editable area no accessible name.',
  },
  {
    id: 'button-name',
    target: /popup-button|copy-to-clipboard|file-details__remove|date-time-picker__clear-button/,
    why: 'Icon-only buttons with no label: the “more actions” menus, copy file address, remove file, clear date.',
  },
  {
    id: 'label-content-name-mismatch',
    target: /aria-label="Versions"|doc-tab/,
    why: 'The Versions tab’s aria-label leaves out the version count it shows.',
  },
  {
    id: 'list',
    target: /doc-tabs__tabs/,
    why: 'The document tabs are a <ul> with <a> and <div> children instead of <li>.',
  },
]

/** Runs axe-core in the page and returns serious and critical violations, one per element. */
export async function seriousViolations(page: Page, name: string): Promise<Violation[]> {
  await page.addScriptTag({ content: axe.source })
  const results = await page.evaluate(async () => {
    const run = await (
      window as unknown as { axe: { run: (context: Document) => Promise<axe.AxeResults> } }
    ).axe.run(document)
    return run.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
      example: `${violation.nodes[0]?.html ?? ''} ${violation.nodes[0]?.failureSummary ?? ''}`,
    }))
  })
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  fs.writeFileSync(path.join(SCREENSHOT_DIR, `axe-${name}.json`), JSON.stringify(results, null, 2))
  return results.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  )
}

/** The violations not explained by Payload's own markup. */
export function ourViolations(violations: Violation[]): Violation[] {
  return violations
    .map((violation) => ({
      ...violation,
      targets: violation.targets.filter(
        (target) =>
          !PAYLOAD_OWN_VIOLATIONS.some(
            (known) => known.id === violation.id && known.target.test(target),
          ),
      ),
    }))
    .filter((violation) => violation.targets.length > 0)
}
