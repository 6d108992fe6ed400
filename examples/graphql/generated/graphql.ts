/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Statement_ContentWarnings_Categories =
  | 'abuse'
  | 'coercion'
  | 'death'
  | 'detention'
  | 'discrimination'
  | 'police'
  | 'restraint'
  | 'self_harm'
  | 'suicide'
  | 'withholding_care';

export type Statement_ContentWarnings_Level =
  | 'detailed'
  | 'discussion'
  | 'mention';

export type Statement_ContentWarnings__Categories_Input =
  | 'abuse'
  | 'coercion'
  | 'death'
  | 'detention'
  | 'discrimination'
  | 'police'
  | 'restraint'
  | 'self_harm'
  | 'suicide'
  | 'withholding_care';

export type Statement_Kind =
  | 'open_letter'
  | 'policy'
  | 'press_release'
  | 'response'
  | 'statement';

export type Trust_StatusHistory_Status =
  | 'confirmed'
  | 'denied'
  | 'ended'
  | 'no_evidence'
  | 'similar_scheme'
  | 'under_review';

export type Trust_Region =
  | 'east_of_england'
  | 'london'
  | 'midlands'
  | 'north_east_yorkshire'
  | 'north_west'
  | 'northern_ireland'
  | 'scotland'
  | 'south_east'
  | 'south_west'
  | 'wales';

export type Trust_SimStatus =
  | 'confirmed'
  | 'denied'
  | 'ended'
  | 'no_evidence'
  | 'similar_scheme'
  | 'under_review';

export type StatementsWithoutTopicsQueryVariables = Exact<{
  without?: Array<Statement_ContentWarnings__Categories_Input | null | undefined> | Statement_ContentWarnings__Categories_Input | null | undefined;
  limit?: number | null | undefined;
}>;


export type StatementsWithoutTopicsQuery = { Statements: { totalDocs: number, docs: Array<{ id: number, title: string | null, slug: string | null, kind: Statement_Kind | null, summary: string | null, publishedDate: unknown, contentWarnings: { categories: Array<Statement_ContentWarnings_Categories> | null, level: Statement_ContentWarnings_Level | null, note: string | null } | null }> } | null };

export type TrustsRegisterQueryVariables = Exact<{ [key: string]: never; }>;


export type TrustsRegisterQuery = { Trusts: { totalDocs: number, docs: Array<{ id: number, name: string | null, slug: string | null, odsCode: string | null, region: Trust_Region | null, simStatus: Trust_SimStatus | null, policeForce: string | null, latitude: number | null, longitude: number | null, statusHistory: Array<{ date: unknown, status: Trust_StatusHistory_Status | null, note: string | null }> | null }> } | null };

export type OpenLetterQueryVariables = Exact<{
  slug: string;
}>;


export type OpenLetterQuery = { Statements: { docs: Array<{ id: number, title: string | null, summary: string | null, signing: { open: boolean | null, closesAt: unknown } | null }> } | null, SignatoryTally: { approved: number } };

export type LetterSignatoriesQueryVariables = Exact<{
  letter: unknown;
}>;


export type LetterSignatoriesQuery = { Signatories: { docs: Array<{ publicName: string | null, publicRole: string | null, publicOrganisation: string | null, onBehalfOfOrganisation: boolean | null }> } | null };

export type ApprovedArtworkQueryVariables = Exact<{ [key: string]: never; }>;


export type ApprovedArtworkQuery = { Artworks: { docs: Array<{ id: number, title: string, alt: string, artistCredit: string | null, sensitive: boolean | null, url: string | null, width: number | null, height: number | null, sizes: { card: { url: string | null, width: number | null, height: number | null } | null, cardWebp: { url: string | null, width: number | null, height: number | null } | null, thumbnailWebp: { url: string | null, width: number | null, height: number | null } | null } | null }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const StatementsWithoutTopicsDocument = new TypedDocumentString(`
    query StatementsWithoutTopics($without: [Statement_contentWarnings__categories_Input], $limit: Int) {
  Statements(
    where: {contentWarnings__categories: {not_in: $without}}
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
    `) as unknown as TypedDocumentString<StatementsWithoutTopicsQuery, StatementsWithoutTopicsQueryVariables>;
export const TrustsRegisterDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<TrustsRegisterQuery, TrustsRegisterQueryVariables>;
export const OpenLetterDocument = new TypedDocumentString(`
    query OpenLetter($slug: String!) {
  Statements(
    where: {slug: {equals: $slug}, kind: {equals: open_letter}}
    limit: 1
  ) {
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
    `) as unknown as TypedDocumentString<OpenLetterQuery, OpenLetterQueryVariables>;
export const LetterSignatoriesDocument = new TypedDocumentString(`
    query LetterSignatories($letter: JSON!) {
  Signatories(where: {letter: {equals: $letter}}, sort: "createdAt", limit: 100) {
    docs {
      publicName
      publicRole
      publicOrganisation
      onBehalfOfOrganisation
    }
  }
}
    `) as unknown as TypedDocumentString<LetterSignatoriesQuery, LetterSignatoriesQueryVariables>;
export const ApprovedArtworkDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<ApprovedArtworkQuery, ApprovedArtworkQueryVariables>;