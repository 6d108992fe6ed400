import * as migration_20261121_114042_initial from './20261121_114042_initial'

export const migrations = [
  {
    up: migration_20261121_114042_initial.up,
    down: migration_20261121_114042_initial.down,
    name: '20261121_114042_initial',
  },
]
