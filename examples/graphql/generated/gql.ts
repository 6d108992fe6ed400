/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query StatementsWithoutTopics(\n    $without: [Statement_contentWarnings__categories_Input]\n    $limit: Int\n  ) {\n    Statements(\n      where: { contentWarnings__categories: { not_in: $without } }\n      sort: \"-publishedDate\"\n      limit: $limit\n    ) {\n      totalDocs\n      docs {\n        id\n        title\n        slug\n        kind\n        summary\n        publishedDate\n        contentWarnings {\n          categories\n          level\n          note\n        }\n      }\n    }\n  }\n": typeof types.StatementsWithoutTopicsDocument,
    "\n  query TrustsRegister {\n    Trusts(sort: \"name\", limit: 100) {\n      totalDocs\n      docs {\n        id\n        name\n        slug\n        odsCode\n        region\n        simStatus\n        policeForce\n        latitude\n        longitude\n        statusHistory {\n          date\n          status\n          note\n        }\n      }\n    }\n  }\n": typeof types.TrustsRegisterDocument,
    "\n  query OpenLetter($slug: String!) {\n    Statements(where: { slug: { equals: $slug }, kind: { equals: open_letter } }, limit: 1) {\n      docs {\n        id\n        title\n        summary\n        signing {\n          open\n          closesAt\n        }\n      }\n    }\n    SignatoryTally(letter: $slug) {\n      approved\n    }\n  }\n": typeof types.OpenLetterDocument,
    "\n  query LetterSignatories($letter: JSON!) {\n    Signatories(where: { letter: { equals: $letter } }, sort: \"createdAt\", limit: 100) {\n      docs {\n        publicName\n        publicRole\n        publicOrganisation\n        onBehalfOfOrganisation\n      }\n    }\n  }\n": typeof types.LetterSignatoriesDocument,
    "\n  query ApprovedArtwork {\n    Artworks(sort: \"-createdAt\", limit: 50) {\n      docs {\n        id\n        title\n        alt\n        artistCredit\n        sensitive\n        url\n        width\n        height\n        sizes {\n          card {\n            url\n            width\n            height\n          }\n          cardWebp {\n            url\n            width\n            height\n          }\n          thumbnailWebp {\n            url\n            width\n            height\n          }\n        }\n      }\n    }\n  }\n": typeof types.ApprovedArtworkDocument,
};
const documents: Documents = {
    "\n  query StatementsWithoutTopics(\n    $without: [Statement_contentWarnings__categories_Input]\n    $limit: Int\n  ) {\n    Statements(\n      where: { contentWarnings__categories: { not_in: $without } }\n      sort: \"-publishedDate\"\n      limit: $limit\n    ) {\n      totalDocs\n      docs {\n        id\n        title\n        slug\n        kind\n        summary\n        publishedDate\n        contentWarnings {\n          categories\n          level\n          note\n        }\n      }\n    }\n  }\n": types.StatementsWithoutTopicsDocument,
    "\n  query TrustsRegister {\n    Trusts(sort: \"name\", limit: 100) {\n      totalDocs\n      docs {\n        id\n        name\n        slug\n        odsCode\n        region\n        simStatus\n        policeForce\n        latitude\n        longitude\n        statusHistory {\n          date\n          status\n          note\n        }\n      }\n    }\n  }\n": types.TrustsRegisterDocument,
    "\n  query OpenLetter($slug: String!) {\n    Statements(where: { slug: { equals: $slug }, kind: { equals: open_letter } }, limit: 1) {\n      docs {\n        id\n        title\n        summary\n        signing {\n          open\n          closesAt\n        }\n      }\n    }\n    SignatoryTally(letter: $slug) {\n      approved\n    }\n  }\n": types.OpenLetterDocument,
    "\n  query LetterSignatories($letter: JSON!) {\n    Signatories(where: { letter: { equals: $letter } }, sort: \"createdAt\", limit: 100) {\n      docs {\n        publicName\n        publicRole\n        publicOrganisation\n        onBehalfOfOrganisation\n      }\n    }\n  }\n": types.LetterSignatoriesDocument,
    "\n  query ApprovedArtwork {\n    Artworks(sort: \"-createdAt\", limit: 50) {\n      docs {\n        id\n        title\n        alt\n        artistCredit\n        sensitive\n        url\n        width\n        height\n        sizes {\n          card {\n            url\n            width\n            height\n          }\n          cardWebp {\n            url\n            width\n            height\n          }\n          thumbnailWebp {\n            url\n            width\n            height\n          }\n        }\n      }\n    }\n  }\n": types.ApprovedArtworkDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatementsWithoutTopics(\n    $without: [Statement_contentWarnings__categories_Input]\n    $limit: Int\n  ) {\n    Statements(\n      where: { contentWarnings__categories: { not_in: $without } }\n      sort: \"-publishedDate\"\n      limit: $limit\n    ) {\n      totalDocs\n      docs {\n        id\n        title\n        slug\n        kind\n        summary\n        publishedDate\n        contentWarnings {\n          categories\n          level\n          note\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StatementsWithoutTopicsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrustsRegister {\n    Trusts(sort: \"name\", limit: 100) {\n      totalDocs\n      docs {\n        id\n        name\n        slug\n        odsCode\n        region\n        simStatus\n        policeForce\n        latitude\n        longitude\n        statusHistory {\n          date\n          status\n          note\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TrustsRegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenLetter($slug: String!) {\n    Statements(where: { slug: { equals: $slug }, kind: { equals: open_letter } }, limit: 1) {\n      docs {\n        id\n        title\n        summary\n        signing {\n          open\n          closesAt\n        }\n      }\n    }\n    SignatoryTally(letter: $slug) {\n      approved\n    }\n  }\n"): typeof import('./graphql').OpenLetterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LetterSignatories($letter: JSON!) {\n    Signatories(where: { letter: { equals: $letter } }, sort: \"createdAt\", limit: 100) {\n      docs {\n        publicName\n        publicRole\n        publicOrganisation\n        onBehalfOfOrganisation\n      }\n    }\n  }\n"): typeof import('./graphql').LetterSignatoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovedArtwork {\n    Artworks(sort: \"-createdAt\", limit: 50) {\n      docs {\n        id\n        title\n        alt\n        artistCredit\n        sensitive\n        url\n        width\n        height\n        sizes {\n          card {\n            url\n            width\n            height\n          }\n          cardWebp {\n            url\n            width\n            height\n          }\n          thumbnailWebp {\n            url\n            width\n            height\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApprovedArtworkDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
