import { graphql } from './generated'

/** Published statements, leaving out any that carry warnings on the given topics. */
export const StatementsWithoutTopics = graphql(`
  query StatementsWithoutTopics(
    $without: [Statement_contentWarnings__categories_Input]
    $limit: Int
  ) {
    Statements(
      where: { contentWarnings__categories: { not_in: $without } }
      sort: "-publishedDate"
      limit: $limit
    ) {
      totalDocs
      docs {
        id
        title
        slug
        kind
        summary
        publishedDate
        contentWarnings {
          categories
          level
          note
        }
      }
    }
  }
`)

/** The evidence register: every trust and what is known of its SIM involvement. */
export const TrustsRegister = graphql(`
  query TrustsRegister {
    Trusts(sort: "name", limit: 100) {
      totalDocs
      docs {
        id
        name
        slug
        odsCode
        region
        simStatus
        policeForce
        latitude
        longitude
        statusHistory {
          date
          status
          note
        }
      }
    }
  }
`)

/** An open letter and its public count. */
export const OpenLetter = graphql(`
  query OpenLetter($slug: String!) {
    Statements(where: { slug: { equals: $slug }, kind: { equals: open_letter } }, limit: 1) {
      docs {
        id
        title
        summary
        signing {
          open
          closesAt
        }
      }
    }
    SignatoryTally(letter: $slug) {
      approved
    }
  }
`)

/** The signatories of a letter who chose to be shown (only approved ones are public). */
export const LetterSignatories = graphql(`
  query LetterSignatories($letter: JSON!) {
    Signatories(where: { letter: { equals: $letter } }, sort: "createdAt", limit: 100) {
      docs {
        publicName
        publicRole
        publicOrganisation
        onBehalfOfOrganisation
      }
    }
  }
`)

/** Approved artwork with its image sizes (WebP too) for a gallery. */
export const ApprovedArtwork = graphql(`
  query ApprovedArtwork {
    Artworks(sort: "-createdAt", limit: 50) {
      docs {
        id
        title
        alt
        artistCredit
        sensitive
        url
        width
        height
        sizes {
          card {
            url
            width
            height
          }
          cardWebp {
            url
            width
            height
          }
          thumbnailWebp {
            url
            width
            height
          }
        }
      }
    }
  }
`)
