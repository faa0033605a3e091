# kubectl glass, the kubectl plugin (deploy/kubectl-glass): installed next to
# kubeglass, so that kubectl finds it on PATH as "kubectl glass".

.PHONY: install-plugin uninstall-plugin

install: install-plugin
uninstall: uninstall-plugin

install-plugin:
	install -D -m 0755 deploy/kubectl-glass $(DESTDIR)$(BINDIR)/kubectl-glass

uninstall-plugin:
	rm -f $(DESTDIR)$(BINDIR)/kubectl-glass
