import * as migration_20261121_114033_initial from './20261121_114033_initial'
import * as migration_20261121_121116_content_model from './20261121_121116_content_model'
import * as migration_20261121_124530_signatories from './20261121_124530_signatories'
import * as migration_20261121_134814_artwork_media from './20261121_134814_artwork_media'
import * as migration_20261121_180000_signatures_without_email_keys from './20261121_180000_signatures_without_email_keys'
import * as migration_20261202_002145_site_settings_public_site from './20261202_002145_site_settings_public_site'
import * as migration_20261202_002508_object_storage_prefix from './20261202_002508_object_storage_prefix'
import * as migration_20261202_010000_status_draft_or_published from './20261202_010000_status_draft_or_published'
import * as migration_20261202_015316_signatory_near_duplicates from './20261202_015316_signatory_near_duplicates'
import * as migration_20261202_015711_webhooks from './20261202_015711_webhooks'
import * as migration_20261202_022434_after_merges from './20261202_022434_after_merges'
import * as migration_20261202_035816_signatory_public_list_index from './20261202_035816_signatory_public_list_index'

export const migrations = [
  {
    up: migration_20261121_114033_initial.up,
    down: migration_20261121_114033_initial.down,
    name: '20261121_114033_initial',
  },
  {
    up: migration_20261121_121116_content_model.up,
    down: migration_20261121_121116_content_model.down,
    name: '20261121_121116_content_model',
  },
  {
    up: migration_20261121_124530_signatories.up,
    down: migration_20261121_124530_signatories.down,
    name: '20261121_124530_signatories',
  },
  {
    up: migration_20261121_134814_artwork_media.up,
    down: migration_20261121_134814_artwork_media.down,
    name: '20261121_134814_artwork_media',
  },
  {
    up: migration_20261121_180000_signatures_without_email_keys.up,
    down: migration_20261121_180000_signatures_without_email_keys.down,
    name: '20261121_180000_signatures_without_email_keys',
  },
  {
    up: migration_20261202_002145_site_settings_public_site.up,
    down: migration_20261202_002145_site_settings_public_site.down,
    name: '20261202_002145_site_settings_public_site',
  },
  {
    up: migration_20261202_002508_object_storage_prefix.up,
    down: migration_20261202_002508_object_storage_prefix.down,
    name: '20261202_002508_object_storage_prefix',
  },
  {
    up: migration_20261202_010000_status_draft_or_published.up,
    down: migration_20261202_010000_status_draft_or_published.down,
    name: '20261202_010000_status_draft_or_published',
  },
  {
    up: migration_20261202_015316_signatory_near_duplicates.up,
    down: migration_20261202_015316_signatory_near_duplicates.down,
    name: '20261202_015316_signatory_near_duplicates',
  },
  {
    up: migration_20261202_015711_webhooks.up,
    down: migration_20261202_015711_webhooks.down,
    name: '20261202_015711_webhooks',
  },
  {
    up: migration_20261202_022434_after_merges.up,
    down: migration_20261202_022434_after_merges.down,
    name: '20261202_022434_after_merges',
  },
  {
    up: migration_20261202_035816_signatory_public_list_index.up,
    down: migration_20261202_035816_signatory_public_list_index.down,
    name: '20261202_035816_signatory_public_list_index',
  },
]
