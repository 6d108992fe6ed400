import type { Media, SiteSetting } from '../../payload-types'

/** Where "Exit this page" goes: an everyday page that gives nothing away. */
export const EXIT_URL = 'https://www.bbc.co.uk/weather'

// GOV.UK's "Exit this page" pattern: with script, pressing Shift three times also leaves, and
// the page is replaced in the history; without script the link still leaves.
const EXIT_SCRIPT = `(function(){var a=document.getElementById('exit-this-page');if(!a)return;function go(e){if(e)e.preventDefault();document.body.style.visibility='hidden';window.location.replace(a.href)}a.addEventListener('click',go);var n=0,t;document.addEventListener('keyup',function(e){if(e.key!=='Shift')return;n++;clearTimeout(t);t=setTimeout(function(){n=0},1500);if(n>=3)go()})})()`

export const NAVIGATION = [
  { href: '/', label: 'Home' },
  { href: '/statements', label: 'Statements' },
  { href: '/updates', label: 'Updates' },
  { href: '/trusts', label: 'Trusts register' },
  { href: '/artwork', label: 'Artwork' },
  { href: '/about', label: 'About' },
  { href: '/search', label: 'Search' },
]

export const DEFAULT_CRISIS_NOTICE =
  'We are a small volunteer campaign and cannot answer messages in a crisis. If you or someone else is in danger now, call 999.'

export function QuickExit() {
  return (
    <aside className="exit-bar" aria-label="Leave this site quickly">
      <div className="wrap">
        <p>To leave this site quickly, use the button or press Shift three times.</p>
        <a id="exit-this-page" className="exit" href={EXIT_URL} rel="nofollow noreferrer">
          Exit this page
        </a>
        <script dangerouslySetInnerHTML={{ __html: EXIT_SCRIPT }} />
      </div>
    </aside>
  )
}

export function Masthead({ settings }: { settings: SiteSetting }) {
  const logo = typeof settings.logo === 'object' ? (settings.logo as Media | null) : null
  return (
    <header className="masthead">
      <div className="wrap">
        <a className="site-name" href="/">
          {logo?.url ? <img src={logo.url} alt="" width={40} height={40} /> : null}
          <span>{settings.siteName}</span>
        </a>
        <nav aria-label="Main">
          <ul>
            {NAVIGATION.map((item) => (
              <li key={item.href}>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  )
}

export function Footer({ settings }: { settings: SiteSetting }) {
  const helplines = settings.helplines ?? []
  return (
    <footer className="site-footer">
      <div className="wrap">
        <section className="crisis" aria-labelledby="crisis-heading">
          <h2 id="crisis-heading">If you need help now</h2>
          <p>{settings.crisisNotice || DEFAULT_CRISIS_NOTICE}</p>
          {helplines.length ? (
            <ul>
              {helplines.map((line) => (
                <li key={line.id ?? line.name}>
                  <strong>{line.name}</strong>: {line.contact}
                  {line.hours ? ` (${line.hours})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <ul className="footer-links">
          <li>
            <a href="/safer-spaces">Safer-spaces policy</a>
          </li>
          <li>
            <a href="/contact">Contact</a>
          </li>
          <li>
            <a href="/preferences">Choose topics to hide</a>
          </li>
          <li>
            <a href="/feed.xml">Updates feed (Atom)</a>
          </li>
        </ul>
        <p>© {settings.siteName}</p>
      </div>
    </footer>
  )
}
