/** The catalogue query of issue 2: 20 procedures with sector, agencies, fees and components. */
export const CATALOGUE_BENCH_QUERY = `query Catalogue($first: Int) {
  procedures(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id code name level serviceLevel processingWorkingDays channels
      sector { code name }
      agencies { id code name level }
      fees { kind amount description }
      components { code name required copies }
    } }
  }
}`;
