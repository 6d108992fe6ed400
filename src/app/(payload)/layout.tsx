/* Payload's generated admin layout, plus our stylesheet (custom.css). */
import config from '@payload-config'
import '@payloadcms/next/css'
import './custom.css'
import type { ServerFunctionClient } from 'payload'
import { handleServerFunctions, RootLayout } from '@payloadcms/next/layouts'
import React from 'react'

import { adminServerFunctions, answeringRefusals } from '../../access/adminServerFunctions'
import { importMap } from './admin/importMap.js'

type Args = {
  children: React.ReactNode
}

const serverFunction: ServerFunctionClient = async function (args) {
  'use server'
  return answeringRefusals(args.name, () =>
    handleServerFunctions({
      ...args,
      config,
      importMap,
      // Payload's form-state and schedule-publish functions, with the checks they lack.
      serverFunctions: adminServerFunctions,
    }),
  )
}

const Layout = ({ children }: Args) => (
  <RootLayout config={config} importMap={importMap} serverFunction={serverFunction}>
    {children}
  </RootLayout>
)

export default Layout
